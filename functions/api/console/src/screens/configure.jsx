import { useEffect, useState } from 'preact/hooks';
import { api, apiPath } from '../api.js';
import { ErrorBanner, Field, Notice, useLoad } from '../components.jsx';
import { setLeaveGuard } from '../router.jsx';

const QUESTION = 'The event configuration has unsaved changes. Leave without saving?';

export function Configure({ context }) {
  const configurationPath = apiPath`/v1/Events/Configuration`.query(context.selector);
  const loaded = useLoad(async () => {
    const [types, configuration] = await Promise.all([api(apiPath`/v1/EventTypes`), api(configurationPath)]);
    return { types: types.event_types, configuration };
  }, [String(configurationPath)]);
  const [disabled, setDisabled] = useState(null);
  const [retention, setRetention] = useState('');
  const [saved, setSaved] = useState(null);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (loaded.data) {
      const configuration = loaded.data.configuration;
      setDisabled(new Set(configuration.disabled_event_types));
      setRetention(String(configuration.retention_days));
      setSaved({ disabled: [...configuration.disabled_event_types].sort().join(','), retention: String(configuration.retention_days) });
    }
  }, [loaded.data]);
  const dirty = Boolean(saved && disabled && (saved.disabled !== [...disabled].sort().join(',') || saved.retention !== retention));
  useEffect(() => {
    setLeaveGuard(dirty ? () => QUESTION : null);
    const beforeUnload = (event) => {
      if (dirty) {
        event.preventDefault();
        event.returnValue = QUESTION;
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      setLeaveGuard(null);
    };
  }, [dirty]);
  if (!loaded.data || !disabled) {
    return <section><h1 id="screen-title">Configure</h1><ErrorBanner error={loaded.error} /></section>;
  }
  const groups = new Map();
  loaded.data.types.forEach((type) => {
    if (!groups.has(type.resource_type)) groups.set(type.resource_type, []);
    groups.get(type.resource_type).push(type);
  });
  // Types the account disabled that the list does not know are kept, and shown, too.
  const known = new Set(loaded.data.types.map((type) => type.event_type));
  const unknown = [...disabled].filter((type) => !known.has(type));
  const toggle = (type, recorded) => {
    const next = new Set(disabled);
    if (recorded) next.delete(type);
    else next.add(type);
    setDisabled(next);
    setNotice(null);
  };
  const setGroup = (types, recorded) => {
    const next = new Set(disabled);
    types.forEach((type) => (recorded ? next.delete(type.event_type) : next.add(type.event_type)));
    setDisabled(next);
    setNotice(null);
  };
  const save = async (event) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    setSaving(true);
    try {
      const days = Number(retention);
      const configuration = await api(configurationPath, {
        method: 'POST',
        json: { disabled_event_types: [...disabled].sort(), retention_days: Number.isFinite(days) && retention.trim() !== '' ? days : retention },
      });
      setDisabled(new Set(configuration.disabled_event_types));
      setRetention(String(configuration.retention_days));
      setSaved({ disabled: [...configuration.disabled_event_types].sort().join(','), retention: String(configuration.retention_days) });
      setNotice('Saved. Events of the unchecked types are no longer recorded.');
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  const retentionError = error && error.fieldErrors.find((entry) => entry.field === 'retention_days');
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header">
        <h1 id="screen-title">Configure</h1>
        {dirty ? <span class="badge badge-warning" role="status">Unsaved changes</span> : null}
      </div>
      <p class="lead">Checked event types are recorded; unchecked ones are refused quietly (the API answers <code>stored: false</code>).</p>
      <form onSubmit={save} aria-label="Event configuration">
        <ErrorBanner error={error} />
        <Notice>{notice}</Notice>
        <div class="type-groups">
          {[...groups.entries()].map(([resource, types]) => (
            <fieldset class="card type-group" key={resource}>
              <legend>{resource}</legend>
              <div class="group-actions">
                <button type="button" class="link" onClick={() => setGroup(types, true)} aria-label={`Record every ${resource} event type`}>All</button>
                <button type="button" class="link" onClick={() => setGroup(types, false)} aria-label={`Record no ${resource} event type`}>None</button>
              </div>
              {types.map((type) => (
                <div class="check" key={type.event_type}>
                  <input type="checkbox" id={`type-${type.event_type}`} checked={!disabled.has(type.event_type)}
                    onChange={(change) => toggle(type.event_type, change.currentTarget.checked)} />
                  <label for={`type-${type.event_type}`}><span class="mono">{type.event_type}</span> <small class="muted">{type.description}</small></label>
                </div>
              ))}
            </fieldset>
          ))}
          {unknown.length ? (
            <fieldset class="card type-group">
              <legend>other</legend>
              {unknown.map((type) => (
                <div class="check" key={type}>
                  <input type="checkbox" id={`type-${type}`} checked={false} onChange={(change) => toggle(type, change.currentTarget.checked)} />
                  <label for={`type-${type}`}><span class="mono">{type}</span></label>
                </div>
              ))}
            </fieldset>
          ) : null}
        </div>
        <div class="form-row">
          <Field id="retention" label="Retention (days, 1 to 395)" error={retentionError && retentionError.message}>
            <input id="retention" type="number" min="1" max="395" value={retention} onInput={(input) => { setRetention(input.currentTarget.value); setNotice(null); }} />
          </Field>
        </div>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={saving || !dirty}>{saving ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </section>
  );
}
