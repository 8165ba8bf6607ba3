// History routing inside /console/: the screen is the path, its filters are the query string.
import { useEffect, useState } from 'preact/hooks';
import { isSid, PATH_PARAMETERS, problemOf, readQuery } from './params.js';

export const BASE = '/console';
let leaveGuard = null;

/** A function that returns a question to ask before leaving (unsaved changes), or null. */
export function setLeaveGuard(guard) {
  leaveGuard = guard;
}

/**
 * The detail paths under each screen: literal segments, and the names of the Sids a segment holds
 * (PATH_PARAMETERS says what each may be).
 */
const DETAIL_PATHS = {
  '/alerts': [[':AlertSid']],
  '/triggers': [['alarms', ':AlarmSid'], ['usage', ':UsageTriggerSid']],
  '/connect': [[':ConnectAppSid']],
};

/** The screen, the detail Sids and the problems of a path inside /console. */
function readPath(path) {
  const segments = path.split('/').slice(1);
  if (segments.length && segments[segments.length - 1] === '') segments.pop();
  const screen = `/${segments[0] || ''}`;
  const rest = segments.slice(1);
  if (!rest.length) return { screen, detail: {}, problems: [] };
  let decoded;
  try {
    decoded = rest.map(decodeURIComponent);
  } catch {
    return { screen, detail: {}, problems: [{ name: 'path', message: 'This link\'s path is not correctly encoded.' }] };
  }
  const template = (DETAIL_PATHS[screen] || []).find((candidate) => candidate.length === decoded.length
    && candidate.every((part, index) => part.startsWith(':') || part === decoded[index]));
  if (!template) {
    return { screen, detail: {}, problems: [{ name: 'path', message: `This console has no page ${BASE}${path.length > 100 ? `${path.slice(0, 100)}…` : path}.` }] };
  }
  const detail = {};
  const problems = [];
  template.forEach((part, index) => {
    if (!part.startsWith(':')) return;
    const name = part.slice(1);
    const problem = problemOf(name, decoded[index], PATH_PARAMETERS, 'in this link\'s path');
    if (problem) problems.push({ name, message: problem });
    else detail[name] = decoded[index];
  });
  return { screen, detail, problems };
}

/**
 * The route: the screen, its checked query values and detail Sids, and what was wrong with the
 * link. A screen only ever sees values that passed the checks of params.js.
 */
function current() {
  const inside = location.pathname.startsWith(`${BASE}/`) ? location.pathname.slice(BASE.length) : '/';
  const { screen, detail, problems: pathProblems } = readPath(inside);
  const { values, problems } = readQuery(location.search);
  return { screen, detail, query: values, problems: [...pathProblems, ...problems] };
}

/** A console path with Sids in it, each checked and encoded (a Sid needs no escaping; encoding is the second guard). */
export function consolePath(strings, ...sids) {
  return strings.reduce((path, part, index) => {
    if (index === 0) return part;
    const sid = sids[index - 1];
    if (!isSid(sid)) throw new TypeError(`A console path takes Sids only, not ${JSON.stringify(String(sid).slice(0, 40))}`);
    return path + encodeURIComponent(sid) + part;
  }, '');
}

export function href(path, params = {}) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  });
  const text = search.toString();
  return BASE + path + (text ? `?${text}` : '');
}

export function navigate(path, params = {}, { replace = false } = {}) {
  if (leaveGuard) {
    const question = leaveGuard();
    if (question && !window.confirm(question)) return;
  }
  const url = href(path, params);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.dispatchEvent(new Event('monitor:route'));
}

export function useRoute() {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('popstate', update);
    window.addEventListener('monitor:route', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('monitor:route', update);
    };
  }, []);
  return route;
}

/** A link inside the console: a real <a href> (open in a new tab works) that routes without a reload. */
export function Link({ to, params, children, ...rest }) {
  const target = href(to, params);
  const onClick = (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to, params);
  };
  return <a href={target} onClick={onClick} {...rest}>{children}</a>;
}
