import { useState } from 'preact/hooks';
import { api, apiPath } from '../api.js';
import {
  Badge, Dialog, Empty, ErrorBanner, Field, MoreMayExist, Notice, Pager, Sid, Time, useLoad, usePagedList,
} from '../components.jsx';
import { navigate } from '../router.jsx';

function statusKind(status) {
  return status === 'delivered' ? 'ok' : status === 'failed' ? 'error' : 'warning';
}

/** Deliveries with their attempts (the list leaves them out; each delivery is fetched). */
function withAttempts(selector) {
  return (deliveries) => Promise.all(deliveries.map((delivery) => api(apiPath`/v1/Deliveries/${delivery.sid}`.query(selector))));
}

export function Deliveries({ route, context }) {
  const selector = context.selector;
  const status = route.query.Status || '';
  const source = route.query.SourceSid || '';
  const filters = { Status: status, SourceSid: source };
  const list = usePagedList(apiPath`/v1/Deliveries`.query({ ...selector, ...filters, PageSize: 20 }), 'deliveries', 20, withAttempts(selector));
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const retry = async (delivery) => {
    setError(null);
    setNotice(null);
    try {
      await api(apiPath`/v1/Deliveries/${delivery.sid}/Retry`.query(selector), { method: 'POST' });
      setNotice(`Delivery ${delivery.sid} queued again.`);
      list.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const deliveries = list.items;
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header">
        <h1 id="screen-title">Deliveries</h1>
        <button type="button" onClick={() => list.reload()}>Refresh</button>
      </div>
      <p class="lead">Every notification sent for alert and usage triggers, with each attempt.</p>
      <SigningSecret selector={selector} />
      <form class="filters" aria-label="Delivery filters" onSubmit={(event) => event.preventDefault()}>
        <Field id="delivery-status" label="Status">
          <select id="delivery-status" value={status} onChange={(event) => navigate('/deliveries', { ...selector, ...filters, Status: event.currentTarget.value })}>
            <option value="">Any status</option><option value="pending">pending</option><option value="delivered">delivered</option><option value="failed">failed</option>
          </select>
        </Field>
        {source ? (
          <div class="field source-filter">
            <span class="field-label">Notifications of</span>
            <span><Sid value={source} /> <button type="button" class="link" onClick={() => navigate('/deliveries', { ...selector, Status: status })}>Show all</button></span>
          </div>
        ) : null}
      </form>
      <ErrorBanner error={list.error || error} />
      <Notice>{notice}</Notice>
      {list.data && !deliveries.length && list.next ? <MoreMayExist noun="deliveries" list={list} /> : null}
      {list.data && !deliveries.length && !list.next ? (
        <Empty title={status ? `No ${status} deliveries` : 'No deliveries yet'}>Deliveries appear when an alert trigger fires or is tested (Triggers → Test), or a usage trigger fires.</Empty>
      ) : null}
      <div class="delivery-list">
        {deliveries.map((delivery) => (
          <article class="card delivery" key={delivery.sid} data-sid={delivery.sid} aria-label={`Delivery ${delivery.sid}`}>
            <div class="delivery-head">
              <Badge kind={statusKind(delivery.status)}>{delivery.status}</Badge>
              <span class="muted">{delivery.channel}</span>
              <span class="mono break">{delivery.destination}</span>
              <span class="spacer" />
              {delivery.status === 'failed' ? <button type="button" class="primary" onClick={() => retry(delivery)}>Retry</button> : null}
            </div>
            <div class="delivery-meta small">
              <span><Sid value={delivery.sid} /></span>
              <span>{delivery.source_type} <Sid value={delivery.source_sid} /></span>
              <span>created <Time value={delivery.date_created} /></span>
              {delivery.next_attempt_date ? <span>next attempt <Time value={delivery.next_attempt_date} /></span> : null}
            </div>
            {delivery.attempts && delivery.attempts.length ? (
              <div class="table-wrap">
                <table class="data compact" aria-label={`Attempts of ${delivery.sid}`}>
                  <thead><tr><th scope="col">#</th><th scope="col">Time</th><th scope="col">Status code</th><th scope="col">Latency</th><th scope="col">Error</th></tr></thead>
                  <tbody>
                    {delivery.attempts.map((attempt) => (
                      <tr key={attempt.attempt}>
                        <td>{attempt.attempt}</td>
                        <td><Time value={attempt.date} /></td>
                        <td class="mono">{attempt.status_code === null ? '—' : attempt.status_code}</td>
                        <td>{attempt.latency_ms} ms</td>
                        <td>{attempt.error_class || <span class="muted">—</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : <p class="muted small">No attempt yet.</p>}
          </article>
        ))}
      </div>
      {deliveries.length ? (
        <Pager page={list.index} hasPrevious={list.index > 0} hasNext={Boolean(list.next)}
          onPrevious={list.goPrevious} onNext={list.goNext} />
      ) : null}
    </section>
  );
}

function SigningSecret({ selector }) {
  const secret = useLoad(() => api(apiPath`/v1/SigningSecret`.query(selector)), [JSON.stringify(selector)]);
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const rotate = async () => {
    setError(null);
    try {
      await api(apiPath`/v1/SigningSecret/Rotate`.query(selector), { method: 'POST' });
      setConfirming(false);
      setNotice('Rotated. For 24 hours webhooks carry signatures of both the new and the previous secret.');
      secret.reload();
    } catch (failure) {
      setError(failure);
      setConfirming(false);
    }
  };
  const data = secret.data;
  return (
    <div class="card">
      <h2 class="card-title">Webhook signing secret</h2>
      <ErrorBanner error={secret.error || error} />
      <Notice>{notice}</Notice>
      {data ? (
        <>
          <p class="secret-row">
            <code class="secret" id="signing-secret">{shown ? data.secret : `whsec_${'•'.repeat(24)}`}</code>
            <button type="button" onClick={() => setShown(!shown)} aria-controls="signing-secret">{shown ? 'Hide' : 'Show'}</button>
            <button type="button" class="danger" onClick={() => setConfirming(true)}>Rotate…</button>
          </p>
          <p class="small muted">
            Verify webhooks with it (Standard Webhooks). Created <Time value={data.date_created} />
            {data.date_rotated ? <>, rotated <Time value={data.date_rotated} /></> : null}
            {data.previous_secret_expires ? <>; the previous secret still signs until <Time value={data.previous_secret_expires} /></> : null}.
          </p>
        </>
      ) : null}
      {confirming ? (
        <Dialog title="Rotate the signing secret?" onClose={() => setConfirming(false)}>
          <p>A new secret signs every webhook from now on. For 24 hours webhooks carry both signatures, so update your receivers within that time.</p>
          <div class="form-actions">
            <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
            <button type="button" class="danger" onClick={rotate}>Rotate secret</button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
