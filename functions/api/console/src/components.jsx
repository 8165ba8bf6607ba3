import { Component } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { onInflight, readPages } from './api.js';
import { localDate, localDay, localTime, utcDate } from './util.js';

/** A date in the browser's time zone, the ISO UTC moment on hover; stacked puts the time under the day. */
export function Time({ value, stacked }) {
  if (!value) return <span class="muted">—</span>;
  return (
    <time dateTime={utcDate(value)} title={`${utcDate(value)} (UTC)`}>
      {stacked ? <>{localDay(value)}<br /><span class="time-of-day">{localTime(value)}</span></> : localDate(value)}
    </time>
  );
}

export function Sid({ value }) {
  return value ? <code class="sid">{value}</code> : <span class="muted">—</span>;
}

export function Badge({ kind = 'neutral', children }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}

/** The API's error message and code, in an alert region. */
export function ErrorBanner({ error, onDismiss }) {
  if (!error) return null;
  return (
    <div class="banner banner-error" role="alert">
      <strong>{error.status ? `Error ${error.code || error.status}` : 'Error'}:</strong> {error.message}
      {error.moreInfo ? <> (<a href={error.moreInfo} target="_blank" rel="noreferrer">more info</a>)</> : null}
      {onDismiss ? <button type="button" class="link" onClick={onDismiss}>Dismiss</button> : null}
    </div>
  );
}

export function Notice({ children }) {
  return children ? <div class="banner banner-ok" role="status">{children}</div> : null;
}

export function Empty({ title, children }) {
  return (
    <div class="empty">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

export function Field({ id, label, error, hint, children }) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint ? <small class="hint">{hint}</small> : null}
      {error ? <small class="field-error" id={`${id}-error`} role="alert">{error}</small> : null}
    </div>
  );
}

/** A modal dialog: Escape or the close button closes it; focus moves in and comes back. */
export function Dialog({ title, onClose, children, wide }) {
  const ref = useRef(null);
  useEffect(() => {
    const opener = document.activeElement;
    const focusable = ref.current && ref.current.querySelector('button, [href], input, select, textarea');
    if (focusable) focusable.focus();
    const onKey = (event) => {
      if (event.key === 'Escape') onClose();
      // Tab stays inside the dialog while it is open.
      if (event.key === 'Tab' && ref.current) {
        const items = [...ref.current.querySelectorAll('button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea')];
        if (!items.length) return;
        const first = items[0];
        const last = items[items.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        } else if (!ref.current.contains(document.activeElement)) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (opener && opener.focus) opener.focus();
    };
  }, []);
  return (
    <div class="overlay" onClick={(event) => { if (event.target === event.currentTarget) onClose(); }}>
      <div class={`dialog${wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby="dialog-title" ref={ref}>
        <header class="dialog-header">
          <h2 id="dialog-title">{title}</h2>
          <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>×</button>
        </header>
        <div class="dialog-body">{children}</div>
      </div>
    </div>
  );
}

/** A thin bar at the top, shown once a request has run for 300 ms. */
export function LoadingBar() {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    let timer = null;
    const stop = onInflight((count) => {
      if (count > 0 && !timer) {
        timer = setTimeout(() => setVisible(true), 300);
      } else if (count === 0) {
        clearTimeout(timer);
        timer = null;
        setVisible(false);
      }
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, []);
  return visible ? <div class="loading-bar" role="progressbar" aria-label="Loading" /> : null;
}

/** Runs a loader when its keys change: {data, error, loading, reload}. The loader gets a function that says whether its result is still wanted. */
export function useLoad(loader, keys) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    loader(() => live).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...keys, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { ...state, reload };
}

/** How many requests a list screen makes to fill one of its pages before it asks whether to go on. */
const FOLLOW_LIMIT = 10;

/**
 * A list screen's pages, from the path of its first: each is filled from the API's pages (which may be
 * short, or empty, and still lead on) until it holds want items, the list ends, or FOLLOW_LIMIT
 * requests were made. Page tokens only lead forward, so where each page started is kept to go back.
 * detail, when given, turns a page's items into what the screen shows (a fetch of each, say).
 */
export function usePagedList(first, key, want, detail) {
  const firstText = String(first);
  const [paging, setPaging] = useState({ first: firstText, starts: [first], index: 0, reads: 0 });
  const current = paging.first === firstText ? paging : { first: firstText, starts: [first], index: 0, reads: 0 };
  const start = current.starts[current.index];
  const page = useLoad(async () => {
    const read = await readPages(start, key, { want, maxRequests: FOLLOW_LIMIT });
    return detail ? { ...read, items: await detail(read.items) } : read;
  }, [String(start), current.index, current.reads]);
  const data = page.data;
  return {
    ...page,
    items: data ? data.items : [],
    next: data ? data.next : null,
    index: current.index,
    goNext: () => setPaging({ ...current, starts: [...current.starts.slice(0, current.index + 1), data.next], index: current.index + 1 }),
    goPrevious: () => setPaging({ ...current, index: current.index - 1 }),
    // This page found nothing within the limit: it goes on from where the reading stopped.
    keepLooking: () => setPaging({
      ...current, starts: [...current.starts.slice(0, current.index), data.next], reads: current.reads + 1,
    }),
  };
}

/** A page that read FOLLOW_LIMIT pages of the API without an item, while the list goes on. */
export function MoreMayExist({ noun, list }) {
  return (
    <div class="empty more-may-exist" role="status">
      <h3>No {noun} found yet: more may exist</h3>
      <p>The API stops a page early when a request has read its share, so a narrow filter can come back with
        empty pages before it reaches a match. {list.data.requests} pages read so far.</p>
      <button type="button" class="primary" onClick={list.keepLooking}>Keep looking</button>
    </div>
  );
}

/** A day filter (UTC) kept in the URL; a date and time there (from a notification's link) is kept until the day is changed. */
export function DateField({ id, label, value, onChange }) {
  const exact = value && value.length > 10 ? value : null;
  return (
    <Field id={id} label={label} hint={exact ? `exactly ${exact}` : null}>
      <input id={id} type="date" value={(value || '').slice(0, 10)} onInput={(event) => onChange(event.currentTarget.value)} />
    </Field>
  );
}

export function Pager({ page, hasPrevious, hasNext, onPrevious, onNext }) {
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" onClick={onPrevious} disabled={!hasPrevious}>← Previous</button>
      <span>Page {page + 1}</span>
      <button type="button" onClick={onNext} disabled={!hasNext}>Next →</button>
    </nav>
  );
}

/** JSON, pretty-printed, as text. */
export function Json({ value }) {
  return <pre class="json">{value === null || value === undefined ? 'null' : JSON.stringify(value, null, 2)}</pre>;
}

export function DetailList({ entries }) {
  return (
    <dl class="details">
      {entries.map(([name, value]) => (
        <div class="detail-row" key={name}>
          <dt>{name}</dt>
          <dd>{value === null || value === undefined || value === '' ? <span class="muted">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A screen that fails to render shows what failed, never a blank page. */
export class ScreenBoundary extends Component {
  constructor() {
    super();
    this.state = { error: null };
  }

  componentDidCatch(error) {
    this.setState({ error });
  }

  render() {
    if (this.state.error) {
      return (
        <div class="banner banner-error" role="alert">
          <strong>This screen failed:</strong> {String(this.state.error.message || this.state.error)}.{' '}
          <button type="button" class="link" onClick={() => this.setState({ error: null })}>Try again</button>
        </div>
      );
    }
    return this.props.children;
  }
}
