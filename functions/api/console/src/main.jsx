import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, apiPath, ApiError, clearSession, loadSession, readAll, saveSession } from './api.js';
import { Empty, ErrorBanner, Field, LoadingBar, ScreenBoundary, useLoad } from './components.jsx';
import { Link, navigate, setLeaveGuard, useRoute } from './router.jsx';
import { EventLog } from './screens/events.jsx';
import { Configure } from './screens/configure.jsx';
import { Alerts } from './screens/alerts.jsx';
import { Triggers } from './screens/triggers.jsx';
import { Usage } from './screens/usage.jsx';
import { Deliveries } from './screens/deliveries.jsx';
import { AuthorizeApp, ConnectApps } from './screens/connect.jsx';

const SCREENS = [
  { path: '/events', title: 'Event Log', component: EventLog },
  { path: '/configure', title: 'Configure', component: Configure },
  { path: '/alerts', title: 'Alerts', component: Alerts },
  { path: '/triggers', title: 'Triggers', component: Triggers },
  { path: '/usage', title: 'Usage', component: Usage },
  { path: '/deliveries', title: 'Deliveries', component: Deliveries },
  { path: '/connect-apps', title: 'Connect apps', component: ConnectApps },
  // An app's authorize page, where its authorize URL leads: no screen of the navigation.
  { path: '/connect', title: 'Authorize a Connect app', component: AuthorizeApp, hidden: true },
];

/**
 * Checks credentials against the API. Any account credential reads its events configuration, which
 * names the account; an account's auth token can also list the account and its subaccounts, which an
 * API key cannot (as in Twilio, keys do not reach the Accounts resource).
 */
async function signIn(user, secret) {
  const credentials = { user, secret };
  const configuration = await api(apiPath`/v1/Events/Configuration`, { credentials });
  const session = { user, secret, accountSid: configuration.account_sid, viaKey: !user.startsWith('AC') };
  return session;
}

function SignIn({ onSignedIn, ended }) {
  const [user, setUser] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState(ended
    ? new ApiError(401, { message: 'The API no longer accepts these credentials (changed or revoked?): sign in again.' }) : null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setError(null);
    if (!/^(AC|SK)[0-9a-fA-F]{32}$/.test(user.trim())) {
      setError(new ApiError(0, { message: 'Enter an Account SID (AC followed by 32 hex digits) or an API key SID (SK…).' }));
      return;
    }
    setBusy(true);
    try {
      const session = await signIn(user.trim(), secret);
      saveSession(session);
      onSignedIn(session);
    } catch (failure) {
      setError(failure.status === 401
        ? new ApiError(401, { code: failure.code, message: 'Those credentials were not accepted. Check the SID and its auth token or secret.' })
        : failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form class="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div class="brand brand-large"><img src="/console/favicon.svg" alt="" width="32" height="32" /> Monitor</div>
        <h1 id="signin-title">Sign in to the console</h1>
        <p class="muted">Use an Account SID and its auth token, or an API key SID and its secret. They are kept in this tab only and forgotten when you sign out or close it.</p>
        <ErrorBanner error={error} />
        <Field id="signin-user" label="Account SID or API key SID">
          <input id="signin-user" name="user" autocomplete="username" spellcheck={false} value={user}
            onInput={(event) => setUser(event.currentTarget.value)} placeholder="AC… or SK…" required />
        </Field>
        <Field id="signin-secret" label="Auth token or API key secret">
          <input id="signin-secret" name="secret" type="password" autocomplete="current-password" value={secret}
            onInput={(event) => setSecret(event.currentTarget.value)} required />
        </Field>
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}

function AccountSelector({ session, accounts, selected, route }) {
  if (session.viaKey) {
    return <span class="account-static" title="An API key cannot list accounts: sign in with the account's auth token to switch to a subaccount"><code class="sid">{session.accountSid}</code></span>;
  }
  const choose = (event) => {
    const sid = event.currentTarget.value;
    navigate(route.screen, sid === session.accountSid ? {} : { AccountSid: sid });
  };
  return (
    <div class="account-selector">
      <label for="account-select">Account</label>
      <select id="account-select" value={selected} onChange={choose}>
        {(accounts || [{ sid: session.accountSid, friendly_name: session.accountSid }]).map((account) => (
          <option value={account.sid} key={account.sid}>
            {account.friendly_name}{account.sid === session.accountSid ? '' : account.connect_app_sid ? ' (Connect app)' : ' (subaccount)'} · {account.sid.slice(0, 8)}…
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A link whose values fail their checks opens no screen: the screen would build its requests from
 * them. It says what is wrong, and offers the screen without those values.
 */
function RefusedLink({ screen, route }) {
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header"><h1 id="screen-title">{screen.title}</h1></div>
      <div class="banner banner-error refused-link" role="alert">
        <strong>This link was not opened</strong>: nothing was loaded or changed from it.
        <ul>{route.problems.map((problem) => <li key={problem.message}>{problem.message}</li>)}</ul>
      </div>
      <p>A link can be edited by whoever sent it. Check where it came from, or{' '}
        <Link to={screen.path} params={route.query}>open {screen.title} without the values above</Link>.</p>
    </section>
  );
}

function Shell({ session, onSignOut }) {
  const route = useRoute();
  const accounts = useLoad(async () => {
    if (session.viaKey) return null;
    const { items } = await readAll(apiPath`/2010-04-01/Accounts.json`.query({ PageSize: 1000 }), 'accounts');
    const list = items.filter((account) => account.status !== 'closed');
    list.sort((a, b) => (a.sid === session.accountSid ? -1 : b.sid === session.accountSid ? 1 : a.friendly_name.localeCompare(b.friendly_name)));
    return list;
  }, [session.user]);
  // An app authorized or deauthorized adds an account to the family, or closes one.
  useEffect(() => {
    window.addEventListener('monitor:accounts', accounts.reload);
    return () => window.removeEventListener('monitor:accounts', accounts.reload);
  }, [accounts.reload]);
  const selected = route.query.AccountSid || session.accountSid;
  const screen = SCREENS.find((candidate) => route.screen === candidate.path);
  useEffect(() => {
    if (!screen) navigate('/events', route.query.AccountSid ? { AccountSid: route.query.AccountSid } : {}, { replace: true });
  }, [screen]);
  useEffect(() => {
    document.title = screen ? `${screen.title} · Monitor console` : 'Monitor console';
  }, [screen]);
  const account = (accounts.data || []).find((candidate) => candidate.sid === selected);
  const context = {
    session,
    accountSid: selected,
    account,
    // Monitor's v1 and v2 resources select a subaccount with AccountSid=.
    selector: selected === session.accountSid ? {} : { AccountSid: selected },
  };
  const Screen = screen ? screen.component : null;
  return (
    <div class="shell">
      <a class="skip-link" href="#content">Skip to content</a>
      <header class="topbar">
        <div class="brand"><img src="/console/favicon.svg" alt="" width="24" height="24" /> Monitor</div>
        <AccountSelector session={session} accounts={accounts.data} selected={selected} route={route} />
        <div class="topbar-end">
          <span class="muted signed-in" title="Signed in as">{session.user.slice(0, 10)}…</span>
          <button type="button" onClick={onSignOut}>Sign out</button>
        </div>
      </header>
      <nav class="sidenav" aria-label="Screens">
        <ul>
          {SCREENS.filter((candidate) => !candidate.hidden).map((candidate) => (
            <li key={candidate.path}>
              <Link to={candidate.path} params={context.selector} aria-current={screen === candidate ? 'page' : undefined}>{candidate.title}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" class="content" tabindex="-1">
        <ErrorBanner error={accounts.error} />
        {Screen && route.problems.length ? <RefusedLink screen={screen} route={route} /> : null}
        {Screen && !route.problems.length ? (
          <ScreenBoundary key={`${screen.path}|${selected}`}>
            <Screen route={route} context={context} />
          </ScreenBoundary>
        ) : null}
        {Screen ? null : <Empty title="Not found">Choose a screen.</Empty>}
      </main>
    </div>
  );
}

function App() {
  const [session, setSession] = useState(loadSession);
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    const expired = () => {
      setLeaveGuard(null);
      clearSession();
      setSession(null);
      setEnded(true);
    };
    window.addEventListener('monitor:unauthorized', expired);
    return () => window.removeEventListener('monitor:unauthorized', expired);
  }, []);
  const signOut = () => {
    setLeaveGuard(null);
    clearSession();
    setSession(null);
    setEnded(false);
    navigate('/events', {}, { replace: true });
  };
  return (
    <>
      <LoadingBar />
      {session ? <Shell session={session} onSignOut={signOut} /> : <SignIn ended={ended} onSignedIn={(signedIn) => { setEnded(false); setSession(signedIn); }} />}
    </>
  );
}

render(<App />, document.getElementById('app'));
