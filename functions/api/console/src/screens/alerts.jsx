import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { api, apiPath, readAll } from '../api.js';
import {
  Badge, DateField, DetailList, Dialog, Empty, ErrorBanner, Field, MoreMayExist, Pager, Sid, Time, useLoad, usePagedList,
} from '../components.jsx';
import { fieldProblem, filterDateMillis } from '../params.js';
import { consolePath, navigate } from '../router.jsx';
import { apiMoment, number } from '../util.js';

const FILTERS = ['LogLevel', 'ErrorCode', 'StartDate', 'EndDate'];
/** Beyond this many buckets a chosen Interval gives way to the one the range's length suggests. */
const MAX_BUCKETS = 1500;
const RANGES = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 };
const RANGE_NAMES = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
const STEP = { minute: 60e3, hour: 3600e3, day: 86400e3 };
const COLORS = ['#d6336c', '#1c7ed6', '#f08c00', '#2b8a3e', '#7048e8', '#0b7285', '#e8590c', '#5c940d'];
const LEVEL_KIND = { error: 'error', warning: 'warning', notice: 'info', debug: 'neutral' };

function filtersOf(routeQuery) {
  const filters = {};
  FILTERS.forEach((name) => {
    if (routeQuery[name]) filters[name] = routeQuery[name];
  });
  return filters;
}

/**
 * The chart's range: the filters' dates when given, else the chosen recent range; its bucket is the
 * link's Interval when that gives a readable number of buckets, else follows the range's length.
 */
function chartRange(routeQuery, now) {
  let end = now;
  let start = now - RANGES[routeQuery.Range || '24h'];
  if (routeQuery.StartDate) start = filterDateMillis(routeQuery.StartDate, false);
  if (routeQuery.EndDate) end = Math.min(now, filterDateMillis(routeQuery.EndDate, true));
  if (routeQuery.StartDate && !routeQuery.EndDate) end = now;
  if (!(end > start)) end = start + 3600e3;
  const length = end - start;
  const chosen = routeQuery.Interval && length / STEP[routeQuery.Interval] <= MAX_BUCKETS ? routeQuery.Interval : null;
  const interval = chosen || (length <= 3 * 3600e3 ? 'minute' : length <= 3 * 86400e3 ? 'hour' : 'day');
  return { start, end, interval };
}

export function Alerts({ route, context }) {
  const filters = filtersOf(route.query);
  const list = usePagedList(apiPath`/v1/Alerts`.query({ ...filters, ...context.selector, PageSize: 50 }), 'alerts', 50);
  const alerts = list.items;
  const open = (sid) => navigate(consolePath`/alerts/${sid}`, route.query);
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header"><h1 id="screen-title">Alerts</h1></div>
      <p class="lead">Errors your application reported, and how often each error code occurred.</p>
      <AlertFilters key={JSON.stringify(route.query)} routeQuery={route.query} selector={context.selector} />
      <FrequencyChart routeQuery={route.query} filters={filters} selector={context.selector} />
      <ErrorBanner error={list.error} />
      {list.data && alerts.length === 0 && list.next ? <MoreMayExist noun="alerts" list={list} /> : null}
      {list.data && alerts.length === 0 && !list.next ? (
        Object.keys(filters).length ? <Empty title="No alerts match these filters">Clear a filter or widen the dates.</Empty> : (
          <Empty title="No alerts yet">
            <p>Alerts appear when your application records them:</p>
            <pre class="code">{`curl -X POST ${location.origin}/v1/Alerts -u "$ACCOUNT_SID:$AUTH_TOKEN" \\
  -H 'Content-Type: application/json' \\
  -d '{"error_code": "11200", "log_level": "error", "alert_text": "HTTP retrieval failure"}'`}</pre>
          </Empty>
        )
      ) : null}
      {alerts.length ? (
        <>
          <div class="table-wrap">
            <table class="data" aria-label="Alerts">
              <thead><tr><th scope="col">Date</th><th scope="col">Error code</th><th scope="col">Log level</th><th scope="col">Resource</th><th scope="col">Message</th></tr></thead>
              <tbody>
                {alerts.map((alert) => (
                  <tr key={alert.sid} class="clickable" onClick={() => open(alert.sid)}>
                    <td class="date"><button type="button" class="link" onClick={(click) => { click.stopPropagation(); open(alert.sid); }} aria-label={`Open alert ${alert.sid}`}><Time value={alert.date_generated} stacked /></button></td>
                    <td class="mono">{alert.error_code}</td>
                    <td><Badge kind={LEVEL_KIND[alert.log_level]}>{alert.log_level}</Badge></td>
                    <td><Sid value={alert.resource_sid} /></td>
                    <td class="message">{alert.alert_text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={list.index} hasPrevious={list.index > 0} hasNext={Boolean(list.next)}
            onPrevious={list.goPrevious} onNext={list.goNext} />
        </>
      ) : null}
      {route.detail.AlertSid ? (
        <AlertDetail sid={route.detail.AlertSid} selector={context.selector} onClose={() => navigate('/alerts', route.query)} />
      ) : null}
    </section>
  );
}

function AlertFilters({ routeQuery, selector }) {
  const [values, setValues] = useState({ Range: '24h', ...routeQuery });
  const [codeProblem, setCodeProblem] = useState(null);
  const set = (name) => (event) => setValues({ ...values, [name]: event.currentTarget.value });
  const setDate = (name) => (value) => setValues({ ...values, [name]: value });
  const apply = (event) => {
    event.preventDefault();
    const chosen = { ...selector };
    [...FILTERS, 'Range', 'Interval'].forEach((name) => {
      if (values[name] && values[name].trim()) chosen[name] = values[name].trim();
    });
    if (chosen.Range === '24h') delete chosen.Range;
    const problem = chosen.ErrorCode ? fieldProblem('ErrorCode', chosen.ErrorCode) : null;
    setCodeProblem(problem);
    if (!problem) navigate('/alerts', chosen);
  };
  return (
    <form class="filters" onSubmit={apply} aria-label="Alert filters" noValidate>
      <Field id="alert-level" label="Log level">
        <select id="alert-level" value={values.LogLevel || ''} onChange={set('LogLevel')}>
          <option value="">Any level</option>
          {['error', 'warning', 'notice', 'debug'].map((level) => <option value={level} key={level}>{level}</option>)}
        </select>
      </Field>
      <Field id="alert-code" label="Error code" error={codeProblem}>
        <input id="alert-code" inputMode="numeric" value={values.ErrorCode || ''} onInput={set('ErrorCode')} placeholder="11200" />
      </Field>
      <DateField id="alert-start" label="From (UTC day)" value={values.StartDate} onChange={setDate('StartDate')} />
      <DateField id="alert-end" label="To (UTC day)" value={values.EndDate} onChange={setDate('EndDate')} />
      <Field id="alert-range" label="Chart range (without dates)">
        <select id="alert-range" value={values.Range || '24h'} onChange={set('Range')}>
          {Object.keys(RANGES).map((range) => <option value={range} key={range}>{RANGE_NAMES[range]}</option>)}
        </select>
      </Field>
      <Field id="alert-interval" label="Chart buckets">
        <select id="alert-interval" value={values.Interval || ''} onChange={set('Interval')}>
          <option value="">by the range</option>
          {Object.keys(STEP).map((interval) => <option value={interval} key={interval}>per {interval}</option>)}
        </select>
      </Field>
      <div class="filter-actions">
        <button type="submit" class="primary">Apply</button>
        <button type="button" onClick={() => navigate('/alerts', { ...selector })}>Clear</button>
      </div>
    </form>
  );
}

function FrequencyChart({ routeQuery, filters, selector }) {
  const [now] = useState(() => Date.now());
  const range = chartRange(routeQuery, now);
  const step = STEP[range.interval];
  const start = Math.floor(range.start / step) * step;
  const url = apiPath`/v1/AlertCounts`.query({
    ...selector, ErrorCode: filters.ErrorCode, LogLevel: filters.LogLevel, Interval: range.interval,
    StartDate: apiMoment(new Date(start)), EndDate: apiMoment(new Date(range.end)), PageSize: 1000,
  });
  const counts = useLoad(async () => (await readAll(url, 'counts', 200)).items, [String(url)]);
  const box = useRef(null);
  const totals = new Map();
  (counts.data || []).forEach((count) => totals.set(count.error_code, (totals.get(count.error_code) || 0) + count.count));
  const codes = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a));
  useEffect(() => {
    if (!counts.data || !codes.length || !box.current) return undefined;
    const buckets = [];
    for (let time = start; time <= range.end; time += step) buckets.push(time / 1000);
    const index = new Map(buckets.map((time, position) => [time, position]));
    const series = codes.map(() => buckets.map(() => 0));
    counts.data.forEach((count) => {
      const position = index.get(Math.floor(Date.parse(count.interval_start) / step) * step / 1000);
      if (position !== undefined) series[codes.indexOf(count.error_code)][position] += count.count;
    });
    const width = () => Math.max(280, box.current.clientWidth);
    const chart = new uPlot({
      width: width(),
      height: 240,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (self, min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] } },
      axes: [{ stroke: '#5b6478', grid: { stroke: '#eef0f4' } }, { stroke: '#5b6478', grid: { stroke: '#eef0f4' }, size: 40 }],
      series: [{ label: 'Time' }, ...codes.map((code, position) => ({
        label: `Error ${code}`, stroke: COLORS[position % COLORS.length], width: 2,
        fill: `${COLORS[position % COLORS.length]}22`, points: { show: true, size: 5 },
      }))],
    }, [buckets, ...series], box.current);
    const resize = () => chart.setSize({ width: width(), height: 240 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
    };
  }, [counts.data]);
  return (
    <div class="card chart-card">
      <h2 class="card-title">Frequency by error code <small class="muted">per {range.interval}, <time title={apiMoment(new Date(start))}>{new Date(start).toLocaleString()}</time> to {routeQuery.EndDate ? <time title={apiMoment(new Date(range.end))}>{new Date(range.end).toLocaleString()}</time> : 'now'}</small></h2>
      <ErrorBanner error={counts.error} />
      {counts.data && !codes.length ? <p class="muted">No alerts in this range.</p> : null}
      <div ref={box} class="chart" aria-hidden="true" />
      {codes.length ? (
        <table class="data compact totals" aria-label="Alerts per error code">
          <thead><tr><th scope="col">Error code</th><th scope="col">Alerts in range</th></tr></thead>
          <tbody>
            {codes.map((code, position) => (
              <tr key={code} data-error-code={code}>
                <td><span class="swatch" style={{ background: COLORS[position % COLORS.length] }} /> <span class="mono">{code}</span></td>
                <td class="count">{number(totals.get(code))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function AlertDetail({ sid, selector, onClose }) {
  const alert = useLoad(() => api(apiPath`/v1/Alerts/${sid}`.query(selector)), [sid]);
  const data = alert.data;
  return (
    <Dialog title={data ? `Alert ${data.error_code}` : 'Alert'} onClose={onClose} wide>
      <ErrorBanner error={alert.error} />
      {data ? (
        <>
          <DetailList entries={[
            ['sid', <Sid value={data.sid} />],
            ['date_generated', <Time value={data.date_generated} />],
            ['date_created', <Time value={data.date_created} />],
            ['error_code', data.error_code],
            ['log_level', data.log_level],
            ['alert_text', data.alert_text],
            ['resource_sid', <Sid value={data.resource_sid} />],
            ['service_sid', <Sid value={data.service_sid} />],
            ['more_info', data.more_info],
            ['api_version', data.api_version],
          ]} />
          <h3>Request</h3>
          <DetailList entries={[
            ['request_method', data.request_method],
            ['request_url', <span class="mono break">{data.request_url}</span>],
            ['request_variables', data.request_variables ? <pre class="json">{data.request_variables}</pre> : null],
            ['request_headers', data.request_headers ? <pre class="json">{data.request_headers}</pre> : null],
          ]} />
          <h3>Response</h3>
          <DetailList entries={[
            ['response_headers', data.response_headers ? <pre class="json">{data.response_headers}</pre> : null],
            ['response_body', data.response_body ? <pre class="json">{data.response_body}</pre> : null],
          ]} />
        </>
      ) : null}
    </Dialog>
  );
}
