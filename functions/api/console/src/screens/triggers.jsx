import { useState } from 'preact/hooks';
import { api, apiPath, ApiError, readAll, readPages } from '../api.js';
import { Badge, DetailList, Dialog, Empty, ErrorBanner, Field, Notice, Sid, Time, useLoad } from '../components.jsx';
import { consolePath, Link, navigate } from '../router.jsx';
import { apiMoment } from '../util.js';

const WINDOWS = { FIVE_MINS: '5 minutes', FIFTEEN_MINS: '15 minutes', ONE_HOUR: '1 hour', TWELVE_HOURS: '12 hours', ONE_DAY: '1 day' };
const PERIODS = { daily: 'calendar day', monthly: 'calendar month', yearly: 'calendar year' };

export function Triggers({ route, context }) {
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header"><h1 id="screen-title">Triggers</h1></div>
      <p class="lead">Alert triggers notify by email or webhook when an error code or log level occurs too often; usage triggers call back when usage crosses a value.</p>
      <Alarms route={route} context={context} />
      <UsageTriggers route={route} context={context} />
    </section>
  );
}

/** Every alarm, each with its last firing (its log's first item, which a short page may leave for a later one). */
async function alarmsWithLastFiring(selector) {
  const list = await readAll(apiPath`/v2/Alarms`.query({ ...selector, PageSize: 100 }), 'alarms');
  const alarms = await Promise.all(list.items.map(async (alarm) => {
    const logs = await readPages(apiPath`/v2/Alarms/${alarm.sid}/Logs`.query({ ...selector, PageSize: 1 }), 'logs', { want: 1 });
    return { ...alarm, lastFired: logs.items.length ? logs.items[0].dateFired : null };
  }));
  return { alarms, more: list.more };
}

/** What an alarm counts, in words. */
function condition(alarm) {
  const what = alarm.queryType === 'ALL' ? 'Any alert' : `${alarm.queryType === 'ERROR_CODE' ? 'Error' : 'Level'} ${alarm.query}`;
  return `${what} ≥ ${alarm.triggerValue} in ${alarm.timeWindow ? WINDOWS[alarm.timeWindow] : PERIODS[alarm.timePeriod]}`;
}

/** The Alerts screen's filters for an alarm's alerts, optionally within one of its windows (the end is inclusive, so its last second). */
function alertFilters(alarm, selector, from, to) {
  const filters = { ...selector };
  if (alarm.queryType === 'ERROR_CODE') filters.ErrorCode = alarm.query;
  if (alarm.queryType === 'LOG_LEVEL') filters.LogLevel = alarm.query;
  if (from) filters.StartDate = from;
  if (to) filters.EndDate = apiMoment(new Date(Date.parse(to) - 1000));
  return filters;
}

/** What the API's error says of one field (its details.errors name it), for the message beside that field. */
function fieldErrorOf(error, name) {
  const found = error && error.fieldErrors.filter((entry) => entry.field === name);
  return found && found.length ? found.map((entry) => `${name} ${entry.message}`).join('; ') : null;
}
function Alarms({ route, context }) {
  const selector = context.selector;
  const loaded = useLoad(() => alarmsWithLastFiring(selector), [JSON.stringify(selector)]);
  const alarms = { ...loaded, data: loaded.data && loaded.data.alarms };
  const [editing, setEditing] = useState(null);
  const [testResult, setTestResult] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const act = async (work, done) => {
    setError(null);
    setNotice(null);
    try {
      await work();
      if (done) setNotice(done);
      alarms.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const test = (alarm) => act(async () => {
    const firing = await api(apiPath`/v2/Alarms/${alarm.sid}/Test`.query(selector), { method: 'POST' });
    setTestResult({ alarm, firing });
  });
  const now = Date.now();
  return (
    <div class="card">
      <div class="card-header">
        <h2 class="card-title">Alert triggers</h2>
        <button type="button" class="primary" onClick={() => setEditing({})}>New alert trigger</button>
      </div>
      <ErrorBanner error={alarms.error || error} />
      <Notice>{notice}</Notice>
      {loaded.data && loaded.data.more ? <p class="muted small">Only the first {alarms.data.length} alert triggers are shown.</p> : null}
      {alarms.data && !alarms.data.length ? (
        <Empty title="No alert triggers yet">Create one to be told by email or webhook when an error code, or a log level, crosses a threshold.</Empty>
      ) : null}
      {alarms.data && alarms.data.length ? (
        <div class="table-wrap">
          <table class="data" aria-label="Alert triggers">
            <thead><tr><th scope="col">Name</th><th scope="col">Condition</th><th scope="col">State</th><th scope="col">Last fired</th><th scope="col">Notifies</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {alarms.data.map((alarm) => {
                const muted = alarm.mutedUntil && Date.parse(alarm.mutedUntil) > now;
                return (
                  <tr key={alarm.sid} data-sid={alarm.sid}>
                    <td><Link to={consolePath`/triggers/alarms/${alarm.sid}`} params={selector}><strong>{alarm.friendlyName}</strong></Link><br /><Sid value={alarm.sid} /></td>
                    <td>{condition(alarm)}</td>
                    <td class="state">
                      {alarm.enabled ? <Badge kind="ok">enabled</Badge> : <Badge>disabled</Badge>}
                      {muted ? <> <Badge kind="warning">muted until <Time value={alarm.mutedUntil} /></Badge></> : null}
                    </td>
                    <td class="when"><Time value={alarm.lastFired} /></td>
                    <td class="small notifies">{[...alarm.email, alarm.webhook].filter(Boolean).map((target) => <div class="mono break" key={target}>{target}</div>)}</td>
                    <td class="actions">
                      <button type="button" onClick={() => setEditing(alarm)}>Edit</button>
                      <button type="button" onClick={() => test(alarm)}>Test</button>
                      <button type="button" onClick={() => navigate(consolePath`/triggers/alarms/${alarm.sid}`, selector)}>Firing log</button>
                      <button type="button" onClick={() => act(() => api(apiPath`/v2/Alarms/${alarm.sid}/status`.query(selector), { method: 'PUT', json: { enabled: !alarm.enabled } }),
                        `${alarm.friendlyName} ${alarm.enabled ? 'disabled' : 'enabled'}.`)}>{alarm.enabled ? 'Disable' : 'Enable'}</button>
                      <button type="button" class="danger" onClick={() => window.confirm(`Delete the alert trigger ${alarm.friendlyName}?`)
                        && act(() => api(apiPath`/v2/Alarms/${alarm.sid}`.query(selector), { method: 'DELETE' }), `${alarm.friendlyName} deleted.`)}>Delete</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? <AlarmForm alarm={editing} selector={selector} onClose={() => setEditing(null)}
        onSaved={(name) => { setEditing(null); setNotice(`${name} saved.`); alarms.reload(); }} /> : null}
      {route.detail.AlarmSid ? <AlarmPage sid={route.detail.AlarmSid} selector={selector} onClose={() => navigate('/triggers', selector)} /> : null}
      {testResult ? <TestResult result={testResult} selector={selector} onClose={() => setTestResult(null)} /> : null}
    </div>
  );
}

function toLocalInput(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

/** Create or edit an alarm with every field /v2/Alarms takes; the API's field errors show beside their fields. */
function AlarmForm({ alarm, selector, onClose, onSaved }) {
  const editing = Boolean(alarm.sid);
  const [values, setValues] = useState({
    friendlyName: alarm.friendlyName || '',
    description: alarm.description || '',
    queryType: alarm.queryType || 'ERROR_CODE',
    query: alarm.query || '',
    triggerValue: alarm.triggerValue === undefined ? '1' : String(alarm.triggerValue),
    kind: alarm.timePeriod ? 'period' : 'window',
    timeWindow: alarm.timeWindow || 'FIVE_MINS',
    timePeriod: alarm.timePeriod || 'daily',
    email: (alarm.email || []).join(', '),
    webhook: alarm.webhook || '',
    sendResolved: Boolean(alarm.sendResolved),
    enabled: alarm.enabled === undefined ? true : alarm.enabled,
    mutedUntil: toLocalInput(alarm.mutedUntil),
  });
  const [error, setError] = useState(null);
  const [saving, setSaving] = useState(false);
  const set = (name) => (event) => setValues({ ...values, [name]: event.currentTarget.type === 'checkbox' ? event.currentTarget.checked : event.currentTarget.value });
  const fieldError = (name) => fieldErrorOf(error, name);
  const save = async (event) => {
    event.preventDefault();
    setError(null);
    const trigger = values.triggerValue.trim();
    const body = {
      friendlyName: values.friendlyName,
      description: values.description,
      queryType: values.queryType,
      query: values.queryType === 'ALL' ? '' : values.query.trim(),
      triggerValue: /^\d+$/.test(trigger) ? Number(trigger) : trigger,
      email: values.email.split(/[,\s]+/).filter(Boolean),
      webhook: values.webhook.trim(),
      sendResolved: values.kind === 'window' ? values.sendResolved : false,
      enabled: values.enabled,
    };
    if (values.kind === 'window') body.timeWindow = values.timeWindow;
    else body.timePeriod = values.timePeriod;
    if (values.mutedUntil) {
      const muted = new Date(values.mutedUntil);
      if (Number.isNaN(muted.getTime())) {
        setError(new ApiError(400, { message: 'Mute until is not a date and time', details: { errors: [{ field: 'mutedUntil', message: 'is not a date and time' }] } }));
        return;
      }
      body.mutedUntil = apiMoment(muted);
    }
    setSaving(true);
    try {
      await api((editing ? apiPath`/v2/Alarms/${alarm.sid}` : apiPath`/v2/Alarms`).query(selector), { method: editing ? 'PUT' : 'POST', json: body });
      onSaved(values.friendlyName);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog title={editing ? `Edit ${alarm.friendlyName}` : 'New alert trigger'} onClose={onClose} wide>
      <form onSubmit={save} class="form-grid" aria-label="Alert trigger" noValidate>
        <div class="span-2"><ErrorBanner error={error} /></div>
        <Field id="alarm-name" label="Name" error={fieldError('friendlyName')}>
          <input id="alarm-name" value={values.friendlyName} onInput={set('friendlyName')} required maxLength={64} />
        </Field>
        <Field id="alarm-description" label="Description" error={fieldError('description')}>
          <input id="alarm-description" value={values.description} onInput={set('description')} />
        </Field>
        <Field id="alarm-query-type" label="Counts" error={fieldError('queryType')}>
          <select id="alarm-query-type" value={values.queryType} onChange={set('queryType')}>
            <option value="ERROR_CODE">alerts of one error code</option>
            <option value="LOG_LEVEL">alerts of one log level</option>
            <option value="ALL">every alert</option>
          </select>
        </Field>
        {values.queryType === 'ERROR_CODE' ? (
          <Field id="alarm-query" label="Error code" error={fieldError('query')}>
            <input id="alarm-query" inputMode="numeric" value={values.query} onInput={set('query')} placeholder="11200" />
          </Field>
        ) : values.queryType === 'LOG_LEVEL' ? (
          <Field id="alarm-query" label="Log level" error={fieldError('query')}>
            <select id="alarm-query" value={values.query} onChange={set('query')}>
              <option value="">Choose a level</option>
              {['error', 'warning', 'notice', 'debug'].map((level) => <option value={level} key={level}>{level}</option>)}
            </select>
          </Field>
        ) : <div class="field" />}
        <Field id="alarm-threshold" label="Threshold (alerts)" error={fieldError('triggerValue')}>
          <input id="alarm-threshold" type="number" min="1" value={values.triggerValue} onInput={set('triggerValue')} />
        </Field>
        <Field id="alarm-kind" label="Counted over">
          <select id="alarm-kind" value={values.kind} onChange={set('kind')}>
            <option value="window">a sliding window</option>
            <option value="period">a calendar period</option>
          </select>
        </Field>
        {values.kind === 'window' ? (
          <Field id="alarm-window" label="Window" error={fieldError('timeWindow')}>
            <select id="alarm-window" value={values.timeWindow} onChange={set('timeWindow')}>
              {Object.entries(WINDOWS).map(([value, name]) => <option value={value} key={value}>{name} ({value})</option>)}
            </select>
          </Field>
        ) : (
          <Field id="alarm-period" label="Period" error={fieldError('timePeriod') || fieldError('timeWindow')}>
            <select id="alarm-period" value={values.timePeriod} onChange={set('timePeriod')}>
              {Object.entries(PERIODS).map(([value, name]) => <option value={value} key={value}>{name} ({value})</option>)}
            </select>
          </Field>
        )}
        <Field id="alarm-email" label="Email addresses" hint="Separated by commas" error={fieldError('email')}>
          <input id="alarm-email" type="text" value={values.email} onInput={set('email')} placeholder="ops@example.com" />
        </Field>
        <Field id="alarm-webhook" label="Webhook URL" error={fieldError('webhook')}>
          <input id="alarm-webhook" type="url" value={values.webhook} onInput={set('webhook')} placeholder="https://example.com/monitor" />
        </Field>
        <Field id="alarm-muted" label="Mute until (your time)" error={fieldError('mutedUntil')}>
          <input id="alarm-muted" type="datetime-local" value={values.mutedUntil} onInput={set('mutedUntil')} />
        </Field>
        <div class="field checks">
          <div class="check">
            <input id="alarm-resolved" type="checkbox" checked={values.sendResolved} disabled={values.kind !== 'window'} onChange={set('sendResolved')} />
            <label for="alarm-resolved">Send a resolved notification</label>
          </div>
          {fieldError('sendResolved') ? <small class="field-error" role="alert">{fieldError('sendResolved')}</small> : null}
          <div class="check">
            <input id="alarm-enabled" type="checkbox" checked={values.enabled} onChange={set('enabled')} />
            <label for="alarm-enabled">Enabled</label>
          </div>
        </div>
        <div class="form-actions span-2">
          <button type="submit" class="primary" disabled={saving}>{saving ? 'Saving…' : editing ? 'Save' : 'Create'}</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

function deliveryKind(status) {
  return status === 'delivered' ? 'ok' : status === 'failed' ? 'error' : 'warning';
}

/** The test's notifications and what became of each, checked until none is pending. */
function TestResult({ result, selector, onClose }) {
  const { alarm, firing } = result;
  const deliveries = useLoad(async (wanted) => {
    const jobs = new Set(firing.notifications.map((notification) => notification.jobId));
    const read = async () => (await readAll(apiPath`/v1/Deliveries`.query({ ...selector, SourceSid: alarm.sid, PageSize: 50 }), 'deliveries', 10))
      .items.filter((delivery) => jobs.has(delivery.job_id));
    for (let attempt = 0; attempt < 40 && wanted(); attempt += 1) {
      const found = await read();
      if (found.length >= firing.notifications.length && found.every((delivery) => delivery.status !== 'pending')) return found;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return read();
  }, [firing]);
  return (
    <Dialog title={`Test of ${alarm.friendlyName}`} onClose={onClose}>
      <ErrorBanner error={deliveries.error} />
      {firing.notifications.length ? null : <p>The alarm has no email address or webhook to notify.</p>}
      <ul class="test-results">
        {firing.notifications.map((notification) => {
          const delivery = (deliveries.data || []).find((candidate) => candidate.job_id === notification.jobId);
          return (
            <li key={notification.jobId}>
              <span class="muted">{notification.channel}</span> <span class="mono break">{notification.destination}</span>{' '}
              {delivery ? <Badge kind={deliveryKind(delivery.status)}>{delivery.status}{delivery.last_status_code ? ` (${delivery.last_status_code})` : ''}</Badge>
                : <Badge kind="warning">sending…</Badge>}
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}

/**
 * An alarm's page, at /console/triggers/alarms/{Sid} (where its notifications link): what it counts and
 * notifies, its firings, each with a link to the alerts of the window that fired it.
 */
function AlarmPage({ sid, selector, onClose }) {
  const loaded = useLoad(async () => {
    const [alarm, logs] = await Promise.all([
      api(apiPath`/v2/Alarms/${sid}`.query(selector)),
      readPages(apiPath`/v2/Alarms/${sid}/Logs`.query({ ...selector, PageSize: 50 }), 'logs', { want: 50 }),
    ]);
    return { alarm, logs: logs.items };
  }, [sid]);
  const alarm = loaded.data && loaded.data.alarm;
  const logs = loaded.data ? loaded.data.logs : [];
  return (
    <Dialog title={alarm ? `Firing log of ${alarm.friendlyName}` : 'Alert trigger'} onClose={onClose} wide>
      <ErrorBanner error={loaded.error} />
      {alarm ? (
        <>
          <DetailList entries={[
            ['sid', <Sid value={alarm.sid} />],
            ['condition', condition(alarm)],
            ['state', <>{alarm.enabled ? <Badge kind="ok">enabled</Badge> : <Badge>disabled</Badge>}
              {alarm.mutedUntil && Date.parse(alarm.mutedUntil) > Date.now() ? <> <Badge kind="warning">muted until <Time value={alarm.mutedUntil} /></Badge></> : null}</>],
            ['notifies', [...alarm.email, alarm.webhook].filter(Boolean).map((target) => <div class="mono break" key={target}>{target}</div>)],
          ]} />
          <p class="links-row">
            <Link to="/alerts" params={alertFilters(alarm, selector)}>The alerts it counts</Link>
            <Link to="/deliveries" params={{ ...selector, SourceSid: alarm.sid }}>Its notifications</Link>
          </p>
          <h3>Firings</h3>
          {!logs.length ? <p class="muted">It has not fired yet. Test sends a notification without counting as a firing of a window.</p> : (
            <div class="table-wrap">
              <table class="data compact" aria-label="Firings">
                <thead><tr><th scope="col">Fired</th><th scope="col">Count</th><th scope="col">Window</th><th scope="col">Notified</th><th scope="col">Resolved</th></tr></thead>
                <tbody>
                  {logs.map((firing) => (
                    <tr key={`${firing.dateFired}-${firing.windowStart}`}>
                      <td><Time value={firing.dateFired} /></td>
                      <td>{firing.count} ≥ {firing.triggerValue}</td>
                      <td class="small">{firing.window}: <Time value={firing.windowStart} /> – <Time value={firing.windowEnd} /><br />
                        <Link to="/alerts" params={alertFilters(alarm, selector, firing.windowStart, firing.windowEnd)}>its alerts</Link></td>
                      <td class="small">{firing.notifications.map((notification) => <div key={notification.jobId}>{notification.channel} <span class="mono break">{notification.destination}</span></div>)}</td>
                      <td>{firing.resolution ? <Time value={firing.resolution.dateResolved} /> : <span class="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </Dialog>
  );
}

function UsageTriggers({ route, context }) {
  const account = context.accountSid;
  const triggers = useLoad(() => readAll(apiPath`/2010-04-01/Accounts/${account}/Usage/Triggers.json`.query({ PageSize: 100 }), 'usage_triggers'), [account]);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const remove = async (trigger) => {
    if (!window.confirm(`Delete the usage trigger ${trigger.friendly_name || trigger.sid}?`)) return;
    setError(null);
    try {
      await api(apiPath`/2010-04-01/Accounts/${account}/Usage/Triggers/${trigger.sid}.json`, { method: 'DELETE' });
      setNotice('Usage trigger deleted.');
      triggers.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const list = triggers.data ? triggers.data.items : [];
  return (
    <div class="card">
      <div class="card-header">
        <h2 class="card-title">Usage triggers</h2>
        <button type="button" class="primary" onClick={() => setCreating(true)}>New usage trigger</button>
      </div>
      <ErrorBanner error={triggers.error || error} />
      <Notice>{notice}</Notice>
      {triggers.data && triggers.data.more ? <p class="muted small">Only the first {list.length} usage triggers are shown.</p> : null}
      {triggers.data && !list.length ? <Empty title="No usage triggers yet">Create one to get a callback when this month's events pass a number, for instance <code>+1000</code> more than now.</Empty> : null}
      {list.length ? (
        <div class="table-wrap">
          <table class="data" aria-label="Usage triggers">
            <thead><tr><th scope="col">Name</th><th scope="col">Category</th><th scope="col">Fires at</th><th scope="col">Current</th><th scope="col">Recurs</th><th scope="col">Callback</th><th scope="col">Last fired</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {list.map((trigger) => (
                <tr key={trigger.sid}>
                  <td><Link to={consolePath`/triggers/usage/${trigger.sid}`} params={context.selector}>{trigger.friendly_name || 'Unnamed'}</Link><br /><Sid value={trigger.sid} /></td>
                  <td class="mono nowrap">{trigger.usage_category}</td>
                  <td>{trigger.trigger_value} <span class="muted">({trigger.trigger_by})</span></td>
                  <td>{trigger.current_value}</td>
                  <td>{trigger.recurring || 'never'}</td>
                  <td class="small notifies"><span class="muted">{trigger.callback_method}</span> <span class="mono break">{trigger.callback_url}</span></td>
                  <td><Time value={trigger.date_fired} /></td>
                  <td class="actions"><button type="button" class="danger" onClick={() => remove(trigger)}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {creating ? <UsageTriggerForm account={account} onClose={() => setCreating(false)} onSaved={() => { setCreating(false); setNotice('Usage trigger created.'); triggers.reload(); }} /> : null}
      {route.detail.UsageTriggerSid ? (
        <UsageTriggerPage account={account} sid={route.detail.UsageTriggerSid} onClose={() => navigate('/triggers', context.selector)} />
      ) : null}
    </div>
  );
}

/** A usage trigger's page, at /console/triggers/usage/{Sid} (where its callbacks link): every field the API answers. */
function UsageTriggerPage({ account, sid, onClose }) {
  const trigger = useLoad(() => api(apiPath`/2010-04-01/Accounts/${account}/Usage/Triggers/${sid}.json`), [account, sid]);
  const data = trigger.data;
  return (
    <Dialog title={data ? `Usage trigger ${data.friendly_name || data.sid}` : 'Usage trigger'} onClose={onClose} wide>
      <ErrorBanner error={trigger.error} />
      {data ? (
        <DetailList entries={[
          ['sid', <Sid value={data.sid} />],
          ['friendly_name', data.friendly_name],
          ['usage_category', <span class="mono">{data.usage_category}</span>],
          ['trigger_by', data.trigger_by],
          ['trigger_value', data.trigger_value],
          ['current_value', data.current_value],
          ['recurring', data.recurring || 'never (fires once)'],
          ['callback', <><span class="muted">{data.callback_method}</span> <span class="mono break">{data.callback_url}</span></>],
          ['date_fired', <Time value={data.date_fired} />],
          ['date_created', <Time value={data.date_created} />],
          ['usage_record_uri', <span class="mono break">{data.usage_record_uri}</span>],
        ]} />
      ) : null}
    </Dialog>
  );
}

function UsageTriggerForm({ account, onClose, onSaved }) {
  const [values, setValues] = useState({ FriendlyName: '', UsageCategory: 'monitor-writes', TriggerValue: '', Recurring: '', TriggerBy: 'count', CallbackUrl: '', CallbackMethod: 'POST' });
  const [error, setError] = useState(null);
  const set = (name) => (event) => setValues({ ...values, [name]: event.currentTarget.value });
  const fieldError = (name) => fieldErrorOf(error, name);
  const save = async (event) => {
    event.preventDefault();
    setError(null);
    const form = {};
    Object.entries(values).forEach(([name, value]) => {
      if (value !== '') form[name] = value;
    });
    try {
      await api(apiPath`/2010-04-01/Accounts/${account}/Usage/Triggers.json`, { method: 'POST', form });
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Dialog title="New usage trigger" onClose={onClose} wide>
      <form class="form-grid" onSubmit={save} aria-label="Usage trigger" noValidate>
        <div class="span-2"><ErrorBanner error={error} /></div>
        <Field id="ut-name" label="Name" error={fieldError('FriendlyName')}>
          <input id="ut-name" value={values.FriendlyName} onInput={set('FriendlyName')} />
        </Field>
        <Field id="ut-category" label="Usage category" error={fieldError('UsageCategory')}>
          <select id="ut-category" value={values.UsageCategory} onChange={set('UsageCategory')}>
            {['monitor-writes', 'monitor-reads', 'monitor-storage', 'totalprice'].map((category) => <option value={category} key={category}>{category}</option>)}
          </select>
        </Field>
        <Field id="ut-value" label="Trigger value" hint="A number, or +N for N more than the current usage" error={fieldError('TriggerValue')}>
          <input id="ut-value" value={values.TriggerValue} onInput={set('TriggerValue')} placeholder="+1000" />
        </Field>
        <Field id="ut-by" label="Trigger by" error={fieldError('TriggerBy')}>
          <select id="ut-by" value={values.TriggerBy} onChange={set('TriggerBy')}>
            <option value="count">count</option><option value="usage">usage</option><option value="price">price</option>
          </select>
        </Field>
        <Field id="ut-recurring" label="Recurring" error={fieldError('Recurring')}>
          <select id="ut-recurring" value={values.Recurring} onChange={set('Recurring')}>
            <option value="">never (fires once)</option><option value="daily">daily</option><option value="monthly">monthly</option><option value="yearly">yearly</option><option value="alltime">alltime</option>
          </select>
        </Field>
        <Field id="ut-method" label="Callback method" error={fieldError('CallbackMethod')}>
          <select id="ut-method" value={values.CallbackMethod} onChange={set('CallbackMethod')}>
            <option value="POST">POST</option><option value="GET">GET</option>
          </select>
        </Field>
        <div class="span-2">
          <Field id="ut-url" label="Callback URL" error={fieldError('CallbackUrl')}>
            <input id="ut-url" type="url" value={values.CallbackUrl} onInput={set('CallbackUrl')} placeholder="https://example.com/usage" />
          </Field>
        </div>
        <div class="form-actions span-2">
          <button type="submit" class="primary">Create</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
