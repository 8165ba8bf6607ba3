import { useState } from 'preact/hooks';
import { api, query, relative } from '../api.js';
import { DetailList, Dialog, Empty, ErrorBanner, Field, Json, Pager, Sid, Time, useLoad } from '../components.jsx';
import { navigate } from '../router.jsx';
import { csvRow, number } from '../util.js';

const FILTERS = ['EventType', 'SourceIpAddress', 'ActorSid', 'ResourceSid', 'StartDate', 'EndDate'];
const PAGE_SIZE = 50;

/** PageSize may be given in the URL (1 to 1000); the API's default page is 50. */
function pageSizeOf(routeQuery) {
  const size = Number(routeQuery.PageSize);
  return Number.isInteger(size) && size >= 1 && size <= 1000 ? size : PAGE_SIZE;
}
const CSV_COLUMNS = ['sid', 'event_date', 'event_type', 'resource_type', 'resource_sid', 'actor_type', 'actor_sid', 'source',
  'source_ip_address', 'description', 'account_sid', 'event_data'];

function filtersOf(routeQuery) {
  const filters = {};
  FILTERS.forEach((name) => {
    if (routeQuery[name]) filters[name] = routeQuery[name];
  });
  return filters;
}

export function EventLog({ route, context }) {
  const filters = filtersOf(route.query);
  const filterKey = JSON.stringify(filters);
  const pageSize = pageSizeOf(route.query);
  const firstPage = `/v1/Events${query({ ...filters, ...context.selector, PageSize: pageSize })}`;
  // Page tokens only lead forward: the pages seen so far are kept to go back.
  const [paging, setPaging] = useState({ first: firstPage, pages: [firstPage], index: 0 });
  const current = paging.first === firstPage ? paging : { first: firstPage, pages: [firstPage], index: 0 };
  const pageIndex = current.index;
  const [open, setOpen] = useState(null);
  const url = current.pages[pageIndex];
  const page = useLoad(() => api(url), [url]);
  const types = useLoad(() => api('/v1/EventTypes'), []);
  const events = page.data ? page.data.events : [];
  const next = page.data && page.data.meta.next_page_url;
  const goNext = () => setPaging({ ...current, pages: [...current.pages.slice(0, pageIndex + 1), relative(next)], index: pageIndex + 1 });
  const goPrevious = () => setPaging({ ...current, index: pageIndex - 1 });
  const filtered = Object.keys(filters).length > 0;
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header">
        <h1 id="screen-title">Event Log</h1>
        <CsvDownload filters={filters} selector={context.selector} accountSid={context.accountSid} />
      </div>
      <p class="lead">Every change made through the platform in {context.account ? context.account.friendly_name : 'this account'}, newest first.</p>
      <EventFilters key={filterKey} filters={filters} types={types.data} selector={context.selector}
        pageSize={pageSize === PAGE_SIZE ? undefined : pageSize} />
      <ErrorBanner error={page.error || types.error} />
      {page.data && events.length === 0 ? (
        filtered || pageIndex > 0 ? (
          <Empty title="No events match these filters">Widen the date range or clear a filter.</Empty>
        ) : (
          <Empty title="No events recorded yet">
            <p>Record a first event with the API; it shows here at once:</p>
            <pre class="code">{`curl -X POST ${location.origin}/v1/Events -u "$ACCOUNT_SID:$AUTH_TOKEN" \\
  -H 'Content-Type: application/json' \\
  -d '{"event_type": "phone-number.created", "source": "api", "description": "My first event"}'`}</pre>
          </Empty>
        )
      ) : null}
      {events.length > 0 ? (
        <>
          <div class="table-wrap">
            <table class="data" aria-label="Events">
              <thead>
                <tr><th scope="col">Date</th><th scope="col">Resource</th><th scope="col">Event type</th><th scope="col">Actor</th><th scope="col">Source</th><th scope="col">Source IP</th></tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.sid} class="clickable" onClick={() => setOpen(event)} data-sid={event.sid}>
                    <td class="date"><button type="button" class="link row-open" onClick={(click) => { click.stopPropagation(); setOpen(event); }} aria-label={`Open event ${event.sid}`}><Time value={event.event_date} stacked /></button></td>
                    <td><span class="muted">{event.resource_type}</span> <Sid value={event.resource_sid} /></td>
                    <td class="event-type">{event.event_type}</td>
                    <td><span class="muted">{event.actor_type}</span> <Sid value={event.actor_sid} /></td>
                    <td>{event.source}</td>
                    <td class="mono">{event.source_ip_address}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={pageIndex} hasPrevious={pageIndex > 0} hasNext={Boolean(next)}
            onPrevious={goPrevious} onNext={goNext} />
        </>
      ) : null}
      {open ? <EventDetail event={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

function EventFilters({ filters, types, selector, pageSize }) {
  const [values, setValues] = useState({ ...filters });
  const set = (name) => (event) => setValues({ ...values, [name]: event.currentTarget.value });
  const apply = (event) => {
    event.preventDefault();
    const chosen = {};
    FILTERS.forEach((name) => {
      if (values[name] && values[name].trim()) chosen[name] = values[name].trim();
    });
    navigate('/events', { ...selector, ...chosen, PageSize: pageSize });
  };
  const clear = () => navigate('/events', { ...selector, PageSize: pageSize });
  return (
    <form class="filters" onSubmit={apply} aria-label="Event filters">
      <Field id="filter-type" label="Event type">
        <select id="filter-type" value={values.EventType || ''} onChange={set('EventType')}>
          <option value="">Any event type</option>
          {values.EventType && types && !types.event_types.some((type) => type.event_type === values.EventType)
            ? <option value={values.EventType}>{values.EventType}</option> : null}
          {(types ? types.event_types : []).map((type) => <option value={type.event_type} key={type.event_type}>{type.event_type}</option>)}
        </select>
      </Field>
      <Field id="filter-ip" label="Source IP address">
        <input id="filter-ip" value={values.SourceIpAddress || ''} onInput={set('SourceIpAddress')} placeholder="203.0.113.10" spellcheck={false} />
      </Field>
      <Field id="filter-actor" label="Actor Sid">
        <input id="filter-actor" value={values.ActorSid || ''} onInput={set('ActorSid')} placeholder="US…" spellcheck={false} />
      </Field>
      <Field id="filter-resource" label="Resource Sid">
        <input id="filter-resource" value={values.ResourceSid || ''} onInput={set('ResourceSid')} placeholder="PN…" spellcheck={false} />
      </Field>
      <Field id="filter-start" label="From (UTC day)">
        <input id="filter-start" type="date" value={values.StartDate || ''} onInput={set('StartDate')} />
      </Field>
      <Field id="filter-end" label="To (UTC day)">
        <input id="filter-end" type="date" value={values.EndDate || ''} onInput={set('EndDate')} />
      </Field>
      <div class="filter-actions">
        <button type="submit" class="primary">Apply filters</button>
        <button type="button" onClick={clear}>Clear</button>
      </div>
    </form>
  );
}

function EventDetail({ event, onClose }) {
  const links = Object.entries(event.links || {}).filter(([, value]) => value);
  return (
    <Dialog title={`${event.event_type} event`} onClose={onClose} wide>
      <DetailList entries={[
        ['sid', <Sid value={event.sid} />],
        ['event_date', <Time value={event.event_date} />],
        ['event_type', event.event_type],
        ['description', event.description],
        ['resource_type', event.resource_type],
        ['resource_sid', <Sid value={event.resource_sid} />],
        ['actor_type', event.actor_type],
        ['actor_sid', <Sid value={event.actor_sid} />],
        ['source', event.source],
        ['source_ip_address', event.source_ip_address],
        ['account_sid', <Sid value={event.account_sid} />],
        ['url', <span class="mono break">{event.url}</span>],
      ]} />
      <h3>event_data</h3>
      <Json value={event.event_data} />
      <h3>links</h3>
      {links.length ? (
        <ul class="links">{links.map(([name, value]) => <li key={name}><span class="muted">{name}</span> <span class="mono break">{value}</span></li>)}</ul>
      ) : <p class="muted">No links: only accounts have one here.</p>}
    </Dialog>
  );
}

/** Every page of the filtered view, streamed into a CSV file. */
function CsvDownload({ filters, selector, accountSid }) {
  const [progress, setProgress] = useState(null);
  const [error, setError] = useState(null);
  const download = async () => {
    setError(null);
    setProgress({ count: 0, done: false });
    const parts = [csvRow(CSV_COLUMNS)];
    let count = 0;
    let url = `/v1/Events${query({ ...filters, ...selector, PageSize: 1000 })}`;
    try {
      while (url) {
        const page = await api(url);
        const rows = page.events.map((event) => csvRow(CSV_COLUMNS.map((column) => event[column])));
        // Each page becomes one Blob part, so the text of earlier pages is not held twice.
        parts.push(new Blob(rows, { type: 'text/csv' }));
        count += page.events.length;
        setProgress({ count, done: false });
        url = page.meta.next_page_url ? relative(page.meta.next_page_url) : null;
      }
      const blob = new Blob(parts, { type: 'text/csv;charset=utf-8' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `events-${accountSid}-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      setProgress({ count, done: true });
    } catch (failure) {
      setError(failure);
      setProgress(null);
    }
  };
  const running = progress && !progress.done;
  return (
    <div class="csv">
      <button type="button" onClick={download} disabled={running}>Download CSV</button>
      <span class="csv-progress" role="status" aria-live="polite">
        {progress ? `${number(progress.count)} events${progress.done ? ' downloaded' : '…'}` : ''}
      </span>
      {error ? <ErrorBanner error={error} /> : null}
    </div>
  );
}
