// The API client: HTTP Basic from the tab's sessionStorage, Twilio's error body as ApiError,
// and a count of requests in flight for the loading indicator.
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

// An absolute URL the API returned (meta.next_page_url) as a path on this origin.
export function relative(url) {
  const parsed = new URL(url, location.origin);
  return parsed.pathname + parsed.search;
}

export function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls the API. options: method, json (a body sent as JSON), form (an object sent form-encoded),
 * credentials ({user, secret}, else the session's).
 */
export async function api(path, options = {}) {
  const session = options.credentials || loadSession();
  const headers = { Accept: 'application/json' };
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
    try {
      // credentials: 'omit' sends no cookie and keeps the browser from prompting for a password on a 401.
      response = await fetch(path, { method: options.method || 'GET', headers, body, credentials: 'omit', cache: 'no-store' });
    } catch (networkError) {
      throw new ApiError(0, { message: `The API could not be reached (${networkError.message})` });
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
