import { useState } from 'preact/hooks';
import { api, apiPath, nextPage } from '../api.js';
import {
  DateField, DetailList, Dialog, Empty, ErrorBanner, Field, Json, MoreMayExist, Pager, Sid, Time, useLoad, usePagedList,
} from '../components.jsx';
import { fieldProblem } from '../params.js';
import { navigate } from '../router.jsx';
import { csvRow, number } from '../util.js';

const FILTERS = ['EventType', 'SourceIpAddress', 'ActorSid', 'ResourceSid', 'StartDate', 'EndDate'];
const PAGE_SIZE = 50;

/** PageSize may be given in the URL (1 to 1000, checked by the router); the API's default page is 50. */
function pageSizeOf(routeQuery) {
  return routeQuery.PageSize ? Number(routeQuery.PageSize) : PAGE_SIZE;
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
  const list = usePagedList(apiPath`/v1/Events`.query({ ...filters, ...context.selector, PageSize: pageSize }), 'events', pageSize);
  const [open, setOpen] = useState(null);
  const types = useLoad(() => api(apiPath`/v1/EventTypes`), []);
  const events = list.items;
  const pageIndex = list.index;
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
      <ErrorBanner error={list.error || types.error} />
      {list.data && events.length === 0 && list.next ? <MoreMayExist noun="events" list={list} /> : null}
      {list.data && events.length === 0 && !list.next ? (
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
          <Pager page={pageIndex} hasPrevious={pageIndex > 0} hasNext={Boolean(list.next)}
            onPrevious={list.goPrevious} onNext={list.goNext} />
        </>
      ) : null}
      {open ? <EventDetail event={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

/** The filters typed in, each checked as the router checks a link's, so the form never leads to a refused link. */
const TYPED = ['SourceIpAddress', 'ActorSid', 'ResourceSid'];

function EventFilters({ filters, types, selector, pageSize }) {
  const [values, setValues] = useState({ ...filters });
  const [problems, setProblems] = useState({});
  const set = (name) => (event) => setValues({ ...values, [name]: event.currentTarget.value });
  const setDate = (name) => (value) => setValues({ ...values, [name]: value });
  const apply = (event) => {
    event.preventDefault();
    const chosen = {};
    FILTERS.forEach((name) => {
      if (values[name] && values[name].trim()) chosen[name] = values[name].trim();
    });
    const found = {};
    TYPED.forEach((name) => {
      const problem = chosen[name] && fieldProblem(name, chosen[name]);
      if (problem) found[name] = problem;
    });
    setProblems(found);
    if (!Object.keys(found).length) navigate('/events', { ...selector, ...chosen, PageSize: pageSize });
  };
  const clear = () => navigate('/events', { ...selector, PageSize: pageSize });
  return (
    <form class="filters" onSubmit={apply} aria-label="Event filters" noValidate>
      <Field id="filter-type" label="Event type">
        <select id="filter-type" value={values.EventType || ''} onChange={set('EventType')}>
          <option value="">Any event type</option>
          {values.EventType && types && !types.event_types.some((type) => type.event_type === values.EventType)
            ? <option value={values.EventType}>{values.EventType}</option> : null}
          {(types ? types.event_types : []).map((type) => <option value={type.event_type} key={type.event_type}>{type.event_type}</option>)}
        </select>
      </Field>
      <Field id="filter-ip" label="Source IP address" error={problems.SourceIpAddress}>
        <input id="filter-ip" value={values.SourceIpAddress || ''} onInput={set('SourceIpAddress')} placeholder="203.0.113.10" spellcheck={false} />
      </Field>
      <Field id="filter-actor" label="Actor Sid" error={problems.ActorSid}>
        <input id="filter-actor" value={values.ActorSid || ''} onInput={set('ActorSid')} placeholder="US…" spellcheck={false} />
      </Field>
      <Field id="filter-resource" label="Resource Sid" error={problems.ResourceSid}>
        <input id="filter-resource" value={values.ResourceSid || ''} onInput={set('ResourceSid')} placeholder="PN…" spellcheck={false} />
      </Field>
      <DateField id="filter-start" label="From (UTC day)" value={values.StartDate} onChange={setDate('StartDate')} />
      <DateField id="filter-end" label="To (UTC day)" value={values.EndDate} onChange={setDate('EndDate')} />
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
    let url = apiPath`/v1/Events`.query({ ...filters, ...selector, PageSize: 1000 });
    try {
      while (url) {
        const page = await api(url);
        const rows = page.events.map((event) => csvRow(CSV_COLUMNS.map((column) => event[column])));
        // Each page becomes one Blob part, so the text of earlier pages is not held twice.
        parts.push(new Blob(rows, { type: 'text/csv' }));
        count += page.events.length;
        setProgress({ count, done: false });
        // A page may be short, or empty, and still lead on: every page is read until none is left.
        url = page.meta.next_page_url ? nextPage(page.meta.next_page_url) : null;
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
