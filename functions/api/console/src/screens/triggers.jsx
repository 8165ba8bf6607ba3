import { useState } from 'preact/hooks';
import { api, ApiError, query } from '../api.js';
import { Badge, Dialog, Empty, ErrorBanner, Field, Notice, Sid, Time, useLoad } from '../components.jsx';
import { apiMoment } from '../util.js';

const WINDOWS = { FIVE_MINS: '5 minutes', FIFTEEN_MINS: '15 minutes', ONE_HOUR: '1 hour', TWELVE_HOURS: '12 hours', ONE_DAY: '1 day' };
const PERIODS = { daily: 'calendar day', monthly: 'calendar month', yearly: 'calendar year' };

export function Triggers({ context }) {
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header"><h1 id="screen-title">Triggers</h1></div>
      <p class="lead">Alert triggers notify by email or webhook when an error code or log level occurs too often; usage triggers call back when usage crosses a value.</p>
      <Alarms context={context} />
      <UsageTriggers context={context} />
    </section>
  );
}

async function alarmsWithLastFiring(selector) {
  const list = await api(`/v2/Alarms${query({ ...selector, PageSize: 100 })}`);
  return Promise.all(list.alarms.map(async (alarm) => {
    const logs = await api(`/v2/Alarms/${alarm.sid}/Logs${query({ ...selector, PageSize: 1 })}`);
    return { ...alarm, lastFired: logs.logs.length ? logs.logs[0].dateFired : null };
  }));
}

/** What the API's error says of one field (its details.errors name it), for the message beside that field. */
function fieldErrorOf(error, name) {
  const found = error && error.fieldErrors.filter((entry) => entry.field === name);
  return found && found.length ? found.map((entry) => `${name} ${entry.message}`).join('; ') : null;
}
function Alarms({ context }) {
  const selector = context.selector;
  const alarms = useLoad(() => alarmsWithLastFiring(selector), [JSON.stringify(selector)]);
  const [editing, setEditing] = useState(null);
  const [logsOf, setLogsOf] = useState(null);
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
    const firing = await api(`/v2/Alarms/${alarm.sid}/Test${query(selector)}`, { method: 'POST' });
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
                    <td><strong>{alarm.friendlyName}</strong><br /><Sid value={alarm.sid} /></td>
                    <td>{alarm.queryType === 'ALL' ? 'Any alert' : `${alarm.queryType === 'ERROR_CODE' ? 'Error' : 'Level'} ${alarm.query}`} ≥ {alarm.triggerValue} in {alarm.timeWindow ? WINDOWS[alarm.timeWindow] : PERIODS[alarm.timePeriod]}</td>
                    <td class="state">
                      {alarm.enabled ? <Badge kind="ok">enabled</Badge> : <Badge>disabled</Badge>}
                      {muted ? <> <Badge kind="warning">muted until <Time value={alarm.mutedUntil} /></Badge></> : null}
                    </td>
                    <td class="when"><Time value={alarm.lastFired} /></td>
                    <td class="small notifies">{[...alarm.email, alarm.webhook].filter(Boolean).map((target) => <div class="mono break" key={target}>{target}</div>)}</td>
                    <td class="actions">
                      <button type="button" onClick={() => setEditing(alarm)}>Edit</button>
                      <button type="button" onClick={() => test(alarm)}>Test</button>
                      <button type="button" onClick={() => setLogsOf(alarm)}>Firing log</button>
                      <button type="button" onClick={() => act(() => api(`/v2/Alarms/${alarm.sid}/status${query(selector)}`, { method: 'PUT', json: { enabled: !alarm.enabled } }),
                        `${alarm.friendlyName} ${alarm.enabled ? 'disabled' : 'enabled'}.`)}>{alarm.enabled ? 'Disable' : 'Enable'}</button>
                      <button type="button" class="danger" onClick={() => window.confirm(`Delete the alert trigger ${alarm.friendlyName}?`)
                        && act(() => api(`/v2/Alarms/${alarm.sid}${query(selector)}`, { method: 'DELETE' }), `${alarm.friendlyName} deleted.`)}>Delete</button>
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
      {logsOf ? <FiringLog alarm={logsOf} selector={selector} onClose={() => setLogsOf(null)} /> : null}
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
      await api(editing ? `/v2/Alarms/${alarm.sid}${query(selector)}` : `/v2/Alarms${query(selector)}`, { method: editing ? 'PUT' : 'POST', json: body });
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
    for (let attempt = 0; attempt < 40 && wanted(); attempt += 1) {
      const page = await api(`/v1/Deliveries${query({ ...selector, SourceSid: alarm.sid, PageSize: 50 })}`);
      const jobs = new Set(firing.notifications.map((notification) => notification.jobId));
      const found = page.deliveries.filter((delivery) => jobs.has(delivery.job_id));
      if (found.length >= firing.notifications.length && found.every((delivery) => delivery.status !== 'pending')) return found;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return api(`/v1/Deliveries${query({ ...selector, SourceSid: alarm.sid, PageSize: 50 })}`)
      .then((page) => page.deliveries.filter((delivery) => firing.notifications.some((notification) => notification.jobId === delivery.job_id)));
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

function FiringLog({ alarm, selector, onClose }) {
  const logs = useLoad(() => api(`/v2/Alarms/${alarm.sid}/Logs${query({ ...selector, PageSize: 50 })}`), [alarm.sid]);
  return (
    <Dialog title={`Firing log of ${alarm.friendlyName}`} onClose={onClose} wide>
      <ErrorBanner error={logs.error} />
      {logs.data && !logs.data.logs.length ? <p class="muted">It has not fired yet. Test sends a notification without counting as a firing of a window.</p> : null}
      {logs.data && logs.data.logs.length ? (
        <div class="table-wrap">
          <table class="data compact" aria-label="Firings">
            <thead><tr><th scope="col">Fired</th><th scope="col">Count</th><th scope="col">Window</th><th scope="col">Notified</th><th scope="col">Resolved</th></tr></thead>
            <tbody>
              {logs.data.logs.map((firing) => (
                <tr key={`${firing.dateFired}-${firing.windowStart}`}>
                  <td><Time value={firing.dateFired} /></td>
                  <td>{firing.count} ≥ {firing.triggerValue}</td>
                  <td class="small">{firing.window}: <Time value={firing.windowStart} /> – <Time value={firing.windowEnd} /></td>
                  <td class="small">{firing.notifications.map((notification) => <div key={notification.jobId}>{notification.channel} <span class="mono break">{notification.destination}</span></div>)}</td>
                  <td>{firing.resolution ? <Time value={firing.resolution.dateResolved} /> : <span class="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Dialog>
  );
}

function UsageTriggers({ context }) {
  const base = `/2010-04-01/Accounts/${context.accountSid}/Usage/Triggers`;
  const triggers = useLoad(() => api(`${base}.json${query({ PageSize: 100 })}`), [base]);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const remove = async (trigger) => {
    if (!window.confirm(`Delete the usage trigger ${trigger.friendly_name || trigger.sid}?`)) return;
    setError(null);
    try {
      await api(`${base}/${trigger.sid}.json`, { method: 'DELETE' });
      setNotice('Usage trigger deleted.');
      triggers.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const list = triggers.data ? triggers.data.usage_triggers : [];
  return (
    <div class="card">
      <div class="card-header">
        <h2 class="card-title">Usage triggers</h2>
        <button type="button" class="primary" onClick={() => setCreating(true)}>New usage trigger</button>
      </div>
      <ErrorBanner error={triggers.error || error} />
      <Notice>{notice}</Notice>
      {triggers.data && !list.length ? <Empty title="No usage triggers yet">Create one to get a callback when this month's events pass a number, for instance <code>+1000</code> more than now.</Empty> : null}
      {list.length ? (
        <div class="table-wrap">
          <table class="data" aria-label="Usage triggers">
            <thead><tr><th scope="col">Name</th><th scope="col">Category</th><th scope="col">Fires at</th><th scope="col">Current</th><th scope="col">Recurs</th><th scope="col">Callback</th><th scope="col">Last fired</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {list.map((trigger) => (
                <tr key={trigger.sid}>
                  <td>{trigger.friendly_name || <span class="muted">—</span>}<br /><Sid value={trigger.sid} /></td>
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
      {creating ? <UsageTriggerForm base={base} onClose={() => setCreating(false)} onSaved={() => { setCreating(false); setNotice('Usage trigger created.'); triggers.reload(); }} /> : null}
    </div>
  );
}

function UsageTriggerForm({ base, onClose, onSaved }) {
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
      await api(`${base}.json`, { method: 'POST', form });
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
