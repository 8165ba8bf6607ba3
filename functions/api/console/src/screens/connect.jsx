import { useState } from 'preact/hooks';
import { api, apiPath, readAll } from '../api.js';
import { Badge, DetailList, Dialog, Empty, ErrorBanner, Field, Notice, Sid, Time, useLoad } from '../components.jsx';
import { consolePath, Link } from '../router.jsx';

/** What each permission lets an app do in the account made for it, as the authorize page says it. */
const PERMISSIONS = {
  'get-all': 'Read all of its Monitor data: events, alerts, alarms, usage and deliveries',
  'post-all': 'Record events and alerts, and manage alarms and usage triggers',
};

/** A redirect the console sends a browser to: https, or http to this machine. Never a script URL. */
function safeRedirect(url) {
  try {
    const parsed = new URL(url);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link a user follows to an app's homepage: http or https only. */
function Homepage({ url }) {
  const safe = (() => {
    try {
      return ['http:', 'https:'].includes(new URL(url).protocol) ? url : null;
    } catch {
      return null;
    }
  })();
  return safe ? <a href={safe} target="_blank" rel="noopener noreferrer" class="break">{url}</a> : <span class="mono break">{url}</span>;
}

function Permissions({ list }) {
  return <>{list.map((permission) => <Badge key={permission}>{permission}</Badge>)}</>;
}

/** Tells the shell that the account family changed (an app's account was closed), so its selector reads it again. */
function accountsChanged() {
  window.dispatchEvent(new Event('monitor:accounts'));
}

export function ConnectApps({ context }) {
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header"><h1 id="screen-title">Connect apps</h1></div>
      <p class="lead">A Connect app works for the accounts that authorize it, each in an account of its own in the authorizing family, as far as the permissions it was granted.</p>
      <OwnedApps context={context} />
      <AuthorizedApps context={context} />
    </section>
  );
}

function OwnedApps({ context }) {
  const account = context.accountSid;
  const apps = useLoad(() => readAll(apiPath`/2010-04-01/Accounts/${account}/ConnectApps.json`.query({ PageSize: 100 }), 'connect_apps'), [account]);
  const [editing, setEditing] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const list = apps.data ? apps.data.items : [];
  const remove = async () => {
    setError(null);
    try {
      await api(apiPath`/2010-04-01/Accounts/${account}/ConnectApps/${deleting.sid}.json`, { method: 'DELETE' });
      setNotice(`${deleting.friendly_name} deleted.`);
      apps.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setDeleting(null);
    }
  };
  return (
    <div class="card">
      <div class="card-header">
        <h2 class="card-title">Apps you own</h2>
        <button type="button" class="primary" onClick={() => setEditing({})}>New Connect app</button>
      </div>
      <ErrorBanner error={apps.error || error} />
      <Notice>{notice}</Notice>
      {apps.data && !list.length ? <Empty title="No Connect apps yet">Create one, then send its authorize URL to the accounts it should work for.</Empty> : null}
      {list.length ? (
        <div class="table-wrap">
          <table class="data" aria-label="Connect apps you own">
            <thead><tr><th scope="col">App</th><th scope="col">Asks for</th><th scope="col">Authorize URL</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {list.map((app) => (
                <tr key={app.sid} data-sid={app.sid}>
                  <td><strong>{app.friendly_name}</strong>{app.company_name ? <span class="muted"> · {app.company_name}</span> : null}<br /><Sid value={app.sid} /></td>
                  <td><Permissions list={app.permissions} /></td>
                  <td><AuthorizeUrl sid={app.sid} /></td>
                  <td class="actions">
                    <button type="button" onClick={() => setEditing(app)}>Edit</button>
                    <button type="button" class="danger" onClick={() => setDeleting(app)}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? <AppForm app={editing} account={account} onClose={() => setEditing(null)}
        onSaved={(name) => { setEditing(null); setNotice(`${name} saved.`); apps.reload(); }} /> : null}
      {deleting ? (
        <Dialog title={`Delete ${deleting.friendly_name}?`} onClose={() => setDeleting(null)}>
          <p>Its access to every account that authorized it ends at once; those accounts stay their users', who can deauthorize them.</p>
          <div class="form-actions">
            <button type="button" onClick={() => setDeleting(null)}>Cancel</button>
            <button type="button" class="danger" onClick={remove}>Delete app</button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

/** The app's authorize page, on this console's origin, to send to the accounts it should work for. */
function AuthorizeUrl({ sid }) {
  const url = `${location.origin}/console${consolePath`/connect/${sid}`}`;
  const [copied, setCopied] = useState(null);
  const id = `authorize-url-${sid}`;
  const copy = async () => {
    const input = document.getElementById(id);
    input.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Copied');
    } catch {
      setCopied('Selected: copy it with your keyboard');
    }
  };
  return (
    <div class="copy-row">
      <label for={id} class="sr-only">Authorize URL</label>
      <input id={id} class="mono authorize-url" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
      <button type="button" onClick={copy}>Copy</button>
      {copied ? <span class="small muted" role="status">{copied}</span> : null}
    </div>
  );
}

/** What the API's error says of one form field (its details.errors name it), for the message beside that field. */
function fieldErrorOf(error, name) {
  const found = error && error.fieldErrors.filter((entry) => entry.field === name);
  return found && found.length ? found.map((entry) => `${name} ${entry.message}`).join('; ') : null;
}

const TEXT_FIELDS = ['FriendlyName', 'CompanyName', 'Description', 'HomepageUrl', 'AuthorizeRedirectUrl', 'DeauthorizeCallbackUrl'];

/** Create or edit an app with every field the API takes; the API's field errors show beside their fields. */
function AppForm({ app, account, onClose, onSaved }) {
  const editing = Boolean(app.sid);
  const [values, setValues] = useState({
    FriendlyName: app.friendly_name || '',
    CompanyName: app.company_name || '',
    Description: app.description || '',
    HomepageUrl: app.homepage_url || '',
    AuthorizeRedirectUrl: app.authorize_redirect_url || '',
    DeauthorizeCallbackUrl: app.deauthorize_callback_url || '',
    DeauthorizeCallbackMethod: app.deauthorize_callback_method || 'POST',
    permissions: new Set(app.permissions || ['get-all']),
  });
  const [error, setError] = useState(null);
  const [saving, setSaving] = useState(false);
  const set = (name) => (event) => setValues({ ...values, [name]: event.currentTarget.value });
  const toggle = (permission) => (event) => {
    const permissions = new Set(values.permissions);
    if (event.currentTarget.checked) permissions.add(permission);
    else permissions.delete(permission);
    setValues({ ...values, permissions });
  };
  const fieldError = (name) => fieldErrorOf(error, name);
  const save = async (event) => {
    event.preventDefault();
    setError(null);
    // Editing sends every field (an empty one removes it); a new app only what was filled in.
    const form = TEXT_FIELDS.filter((name) => editing || values[name].trim() !== '').map((name) => [name, values[name].trim()]);
    form.push(['DeauthorizeCallbackMethod', values.DeauthorizeCallbackMethod]);
    const permissions = Object.keys(PERMISSIONS).filter((permission) => values.permissions.has(permission));
    (permissions.length ? permissions : ['']).forEach((permission) => form.push(['Permissions', permission]));
    setSaving(true);
    try {
      await api(editing ? apiPath`/2010-04-01/Accounts/${account}/ConnectApps/${app.sid}.json` : apiPath`/2010-04-01/Accounts/${account}/ConnectApps.json`,
        { method: 'POST', form });
      onSaved(values.FriendlyName.trim());
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog title={editing ? `Edit ${app.friendly_name}` : 'New Connect app'} onClose={onClose} wide>
      <form class="form-grid" onSubmit={save} aria-label="Connect app" noValidate>
        <div class="span-2"><ErrorBanner error={error} /></div>
        <Field id="app-name" label="Name" error={fieldError('FriendlyName')}>
          <input id="app-name" value={values.FriendlyName} onInput={set('FriendlyName')} maxLength={64} required />
        </Field>
        <Field id="app-company" label="Company" error={fieldError('CompanyName')}>
          <input id="app-company" value={values.CompanyName} onInput={set('CompanyName')} maxLength={255} />
        </Field>
        <div class="span-2">
          <Field id="app-description" label="Description" error={fieldError('Description')}>
            <textarea id="app-description" rows={3} value={values.Description} onInput={set('Description')} maxLength={1000} />
          </Field>
        </div>
        <Field id="app-homepage" label="Homepage URL" error={fieldError('HomepageUrl')}>
          <input id="app-homepage" type="url" value={values.HomepageUrl} onInput={set('HomepageUrl')} placeholder="https://example.com" />
        </Field>
        <Field id="app-redirect" label="Authorize redirect URL" hint="Users' browsers go here with AccountSid= once they authorize, or error=access_denied" error={fieldError('AuthorizeRedirectUrl')}>
          <input id="app-redirect" type="url" value={values.AuthorizeRedirectUrl} onInput={set('AuthorizeRedirectUrl')} placeholder="https://example.com/monitor/authorized" required />
        </Field>
        <Field id="app-callback" label="Deauthorize callback URL" hint="Called with AccountSid and ConnectAppSid, signed with X-Twilio-Signature" error={fieldError('DeauthorizeCallbackUrl')}>
          <input id="app-callback" type="url" value={values.DeauthorizeCallbackUrl} onInput={set('DeauthorizeCallbackUrl')} placeholder="https://example.com/monitor/deauthorized" />
        </Field>
        <Field id="app-method" label="Callback method" error={fieldError('DeauthorizeCallbackMethod')}>
          <select id="app-method" value={values.DeauthorizeCallbackMethod} onChange={set('DeauthorizeCallbackMethod')}>
            <option value="POST">POST</option><option value="GET">GET</option>
          </select>
        </Field>
        <fieldset class="field span-2 permissions">
          <legend>Permissions it asks for</legend>
          {Object.entries(PERMISSIONS).map(([permission, words]) => (
            <div class="check" key={permission}>
              <input id={`app-permission-${permission}`} type="checkbox" checked={values.permissions.has(permission)} onChange={toggle(permission)} />
              <label for={`app-permission-${permission}`}><code>{permission}</code>: {words}</label>
            </div>
          ))}
          {fieldError('Permissions') ? <small class="field-error" role="alert">{fieldError('Permissions')}</small> : null}
        </fieldset>
        <div class="form-actions span-2">
          <button type="submit" class="primary" disabled={saving}>{saving ? 'Saving…' : editing ? 'Save' : 'Create'}</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}

function AuthorizedApps({ context }) {
  const account = context.accountSid;
  const authorized = useLoad(() => readAll(apiPath`/2010-04-01/Accounts/${account}/AuthorizedConnectApps.json`.query({ PageSize: 100 }), 'authorized_connect_apps'), [account]);
  const [confirming, setConfirming] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const list = authorized.data ? authorized.data.items : [];
  const deauthorize = async () => {
    setError(null);
    try {
      await api(apiPath`/2010-04-01/Accounts/${account}/AuthorizedConnectApps/${confirming.connect_app_sid}.json`, { method: 'DELETE' });
      setNotice(`${confirming.connect_app_friendly_name} deauthorized: its account is closed, and the app is told.`);
      authorized.reload();
      accountsChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setConfirming(null);
    }
  };
  return (
    <div class="card">
      <h2 class="card-title">Apps you authorized</h2>
      <ErrorBanner error={authorized.error || error} />
      <Notice>{notice}</Notice>
      {authorized.data && !list.length ? <Empty title="No apps authorized">An app's authorize URL opens its page here, where you decide.</Empty> : null}
      {list.length ? (
        <div class="table-wrap">
          <table class="data" aria-label="Connect apps you authorized">
            <thead><tr><th scope="col">App</th><th scope="col">Granted</th><th scope="col">Authorized</th><th scope="col">Its account</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {list.map((app) => (
                <tr key={app.connect_app_sid} data-sid={app.connect_app_sid}>
                  <td><strong>{app.connect_app_friendly_name}</strong>{app.connect_app_company_name ? <span class="muted"> · {app.connect_app_company_name}</span> : null}<br /><Sid value={app.connect_app_sid} /></td>
                  <td><Permissions list={app.permissions} /></td>
                  <td><Time value={app.date_created} /></td>
                  <td><Link to="/events" params={{ AccountSid: app.connect_app_account_sid }}><Sid value={app.connect_app_account_sid} /></Link></td>
                  <td class="actions"><button type="button" class="danger" onClick={() => setConfirming(app)}>Deauthorize…</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {confirming ? (
        <Dialog title={`Deauthorize ${confirming.connect_app_friendly_name}?`} onClose={() => setConfirming(null)}>
          <p>Its access ends at once: the account made for it is closed (its data stays readable to you), and the app is told through its deauthorize callback.</p>
          <div class="form-actions">
            <button type="button" onClick={() => setConfirming(null)}>Cancel</button>
            <button type="button" class="danger" onClick={deauthorize}>Deauthorize</button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}

/**
 * An app's authorize page, /console/connect/{ConnectAppSid}: the signed-in account sees who asks for what, and
 * authorizes (one call, which makes the app's account) or declines; either way its browser goes to the app's redirect.
 */
export function AuthorizeApp({ route, context }) {
  const sid = route.detail.ConnectAppSid;
  const { session } = context;
  const app = useLoad(() => (sid ? api(apiPath`/v1/ConnectApps/${sid}`) : Promise.resolve(null)), [sid]);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const go = (url) => {
    const safe = safeRedirect(url);
    if (!safe) {
      setError(new Error('This app\'s redirect URL is not one the console sends a browser to (https, or http to this machine).'));
      return;
    }
    window.location.assign(safe);
  };
  const authorize = async () => {
    setError(null);
    setBusy(true);
    try {
      const authorization = await api(apiPath`/2010-04-01/Accounts/${session.accountSid}/AuthorizedConnectApps.json`,
        { method: 'POST', form: [['ConnectAppSid', sid]] });
      accountsChanged();
      go(authorization.redirect_url);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  const data = app.data;
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header"><h1 id="screen-title">Authorize a Connect app</h1></div>
      <ErrorBanner error={app.error || error} />
      {!sid ? <Empty title="No app named">An authorize URL names its app: <code>/console/connect/CN…</code>.</Empty> : null}
      {data ? (
        <div class="card authorize-card">
          <h2 class="card-title" id="authorize-app-name">{data.friendly_name}</h2>
          <p>asks to work for your account <Sid value={session.accountSid} />.</p>
          <DetailList entries={[
            ['company', data.company_name],
            ['description', data.description],
            ['homepage', data.homepage_url ? <Homepage url={data.homepage_url} /> : null],
            ['app', <Sid value={data.sid} />],
          ]} />
          <h3>It asks to</h3>
          <ul class="permission-list">
            {data.permissions.map((permission) => <li key={permission}><code>{permission}</code>: {PERMISSIONS[permission] || permission}</li>)}
          </ul>
          <p class="small muted">Authorizing makes an account of your family for this app, named after it: the app works there only, with these permissions, and you read it as any of your subaccounts. Deauthorize it on the <Link to="/connect-apps">Connect apps</Link> screen at any time.</p>
          {data.authorized_account_sid ? <Notice>You authorized this app already: its account is <Sid value={data.authorized_account_sid} />.</Notice> : null}
          {session.viaKey ? <p class="banner banner-error" role="alert">Sign in with your account's auth token to authorize an app: an API key cannot make accounts.</p> : null}
          <div class="form-actions">
            <button type="button" class="primary" onClick={authorize} disabled={busy || session.viaKey}>{data.authorized_account_sid ? 'Continue to the app' : 'Authorize'}</button>
            <button type="button" onClick={() => go(data.decline_url)} disabled={busy}>Decline</button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
