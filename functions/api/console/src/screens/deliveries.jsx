import { useState } from 'preact/hooks';
import { api, query, relative } from '../api.js';
import { Badge, Dialog, Empty, ErrorBanner, Field, Notice, Pager, Sid, Time, useLoad } from '../components.jsx';
import { navigate } from '../router.jsx';

function statusKind(status) {
  return status === 'delivered' ? 'ok' : status === 'failed' ? 'error' : 'warning';
}

/** A page of deliveries, each with its attempts (the list leaves them out; each delivery is fetched). */
async function deliveriesWithAttempts(url, selector) {
  const page = await api(url);
  const detailed = await Promise.all(page.deliveries.map((delivery) => api(`/v1/Deliveries/${delivery.sid}${query(selector)}`)));
  return { ...page, deliveries: detailed };
}

export function Deliveries({ route, context }) {
  const selector = context.selector;
  const status = route.query.Status || '';
  const firstPage = `/v1/Deliveries${query({ ...selector, Status: status, PageSize: 20 })}`;
  const [paging, setPaging] = useState({ first: firstPage, pages: [firstPage], index: 0 });
  const current = paging.first === firstPage ? paging : { first: firstPage, pages: [firstPage], index: 0 };
  const page = useLoad(() => deliveriesWithAttempts(current.pages[current.index], selector), [current.pages[current.index]]);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const retry = async (delivery) => {
    setError(null);
    setNotice(null);
    try {
      await api(`/v1/Deliveries/${delivery.sid}/Retry${query(selector)}`, { method: 'POST' });
      setNotice(`Delivery ${delivery.sid} queued again.`);
      page.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const deliveries = page.data ? page.data.deliveries : [];
  const next = page.data && page.data.meta.next_page_url;
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header">
        <h1 id="screen-title">Deliveries</h1>
        <button type="button" onClick={() => page.reload()}>Refresh</button>
      </div>
      <p class="lead">Every notification sent for alert and usage triggers, with each attempt.</p>
      <SigningSecret selector={selector} />
      <form class="filters" aria-label="Delivery filters" onSubmit={(event) => event.preventDefault()}>
        <Field id="delivery-status" label="Status">
          <select id="delivery-status" value={status} onChange={(event) => navigate('/deliveries', { ...selector, Status: event.currentTarget.value })}>
            <option value="">Any status</option><option value="pending">pending</option><option value="delivered">delivered</option><option value="failed">failed</option>
          </select>
        </Field>
      </form>
      <ErrorBanner error={page.error || error} />
      <Notice>{notice}</Notice>
      {page.data && !deliveries.length ? (
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
        <Pager page={current.index} hasPrevious={current.index > 0} hasNext={Boolean(next)}
          onPrevious={() => setPaging({ ...current, index: current.index - 1 })}
          onNext={() => setPaging({ ...current, pages: [...current.pages.slice(0, current.index + 1), relative(next)], index: current.index + 1 })} />
      ) : null}
    </section>
  );
}

function SigningSecret({ selector }) {
  const secret = useLoad(() => api(`/v1/SigningSecret${query(selector)}`), [JSON.stringify(selector)]);
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const rotate = async () => {
    setError(null);
    try {
      await api(`/v1/SigningSecret/Rotate${query(selector)}`, { method: 'POST' });
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
