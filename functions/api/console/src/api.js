// The API client: HTTP Basic from the tab's sessionStorage, Twilio's error body as ApiError,
// and a count of requests in flight for the loading indicator.
import { isSid } from './params.js';

const KEY = 'monitor.session';

export function loadSession() {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function saveSession(session) {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `The API answered ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.moreInfo = body && body.more_info;
    this.fieldErrors = (body && body.details && body.details.errors) || [];
  }
}

// Requests in flight, for the loading indicator.
let inflight = 0;
const listeners = new Set();
export function onInflight(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function changeInflight(delta) {
  inflight += delta;
  listeners.forEach((listener) => listener(inflight));
}

function authorization(user, secret) {
  const bytes = new TextEncoder().encode(`${user}:${secret}`);
  let binary = '';
  bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
  return `Basic ${btoa(binary)}`;
}

/**
 * A request's path and query, made only by apiPath (Sids checked and encoded), nextPage (a URL the
 * API answered) and query (URLSearchParams): api() takes nothing else, so no screen can put a raw
 * value into a request.
 */
class ApiPath {
  #text;

  constructor(text) {
    this.#text = text;
  }

  /** This path with a query string of the given parameters (empty ones left out). */
  query(params) {
    return new ApiPath(this.#text + query(params));
  }

  toString() {
    return this.#text;
  }
}

/** A path of the API with Sids in it: apiPath`/v2/Alarms/${sid}/Logs`. Anything but a Sid is refused. */
export function apiPath(strings, ...sids) {
  return new ApiPath(strings.reduce((path, part, index) => {
    if (index === 0) return part;
    const sid = sids[index - 1];
    if (!isSid(sid)) throw new TypeError(`An API path takes Sids only, not ${JSON.stringify(String(sid).slice(0, 40))}`);
    return path + encodeURIComponent(sid) + part;
  }, ''));
}

/** A next page the API answered (meta.next_page_url, absolute, or next_page_uri), as a path on this origin. */
export function nextPage(url) {
  const parsed = new URL(url, location.origin);
  return new ApiPath(parsed.pathname + parsed.search);
}

function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}

function nextOf(page) {
  const next = (page.meta && page.meta.next_page_url) || page.next_page_uri;
  return next ? nextPage(next) : null;
}

/**
 * Reads a list from its first page on, under key (events, alarms, ...). A page may hold fewer items
 * than PageSize, or none, and still have a next page (the API's read budget ran out before it filled),
 * so pages are followed while fewer than want items have come and a next page exists, for at most
 * maxRequests requests. next is where the list goes on (null at its end).
 */
export async function readPages(first, key, { want = Infinity, maxRequests = 10 } = {}) {
  let items = [];
  let next = first;
  let requests = 0;
  while (next && items.length < want && requests < maxRequests) {
    const page = await api(next);
    items = items.concat(page[key]);
    next = nextOf(page);
    requests += 1;
  }
  return { items, next, requests };
}

/** Every item of a list, however its pages were cut; more is true when maxRequests ran out first. */
export async function readAll(first, key, maxRequests = 50) {
  const { items, next } = await readPages(first, key, { maxRequests });
  return { items, more: Boolean(next) };
}

/**
 * Calls the API. options: method, json (a body sent as JSON), form (an object sent form-encoded),
 * credentials ({user, secret}, else the session's).
 */
/** How often a request the API refused as over the account's limits (429) is sent before the refusal shows. */
const RATE_LIMITED_ATTEMPTS = 4;

export async function api(path, options = {}) {
  if (!(path instanceof ApiPath)) throw new TypeError('api() takes a path made by apiPath or nextPage');
  const session = options.credentials || loadSession();
  // Changes made here are logged with source "web" (a label for the event log, not a credential).
  const headers = { Accept: 'application/json', 'X-Monitor-Source': 'web' };
  if (session) headers.Authorization = authorization(session.user, session.secret);
  let body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  changeInflight(1);
  try {
    let response;
    for (let attempt = 1; ; attempt += 1) {
      try {
        // credentials: 'omit' sends no cookie and keeps the browser from prompting for a password on a 401.
        response = await fetch(String(path), { method: options.method || 'GET', headers, body, credentials: 'omit', cache: 'no-store' });
      } catch (networkError) {
        throw new ApiError(0, { message: `The API could not be reached (${networkError.message})` });
      }
      // Over the account's limits (the console's own screens send several requests at once): nothing was done,
      // so the request goes again after the time the API asks for.
      if (response.status !== 429 || attempt === RATE_LIMITED_ATTEMPTS) break;
      const wait = Math.min(Number(response.headers.get('Retry-After')) || 1, 5);
      await new Promise((resolve) => { setTimeout(resolve, wait * 1000); });
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) {
      if (response.status === 401 && !options.credentials && options.onUnauthorized !== false) {
        window.dispatchEvent(new CustomEvent('monitor:unauthorized'));
      }
      throw new ApiError(response.status, json);
    }
    return json;
  } finally {
    changeInflight(-1);
  }
}
