// History routing inside /console/: the screen is the path, its filters are the query string.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';
let leaveGuard = null;

/** A function that returns a question to ask before leaving (unsaved changes), or null. */
export function setLeaveGuard(guard) {
  leaveGuard = guard;
}

function current() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return { path: path === '' ? '/' : path, query: Object.fromEntries(new URLSearchParams(location.search)) };
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
