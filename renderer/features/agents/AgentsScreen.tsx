import { useState } from 'react';
import { Page } from '../../app/Page.js';
import { HostPicker } from '../hosts/HostPicker.js';
import { useHosts } from '../hosts/use-hosts.js';
import { useSettingsView } from '../settings/use-settings-view.js';
import { AddAgentForm } from './AddAgentForm.js';
import { AgentRow } from './AgentRow.js';
import { useAgents } from './use-agents.js';

/** Agents: which agent CLIs Switchboard found, their versions and commands, editable, and your own. */
export function AgentsScreen() {
  const { hosts } = useHosts();
  const [host, setHost] = useState('');
  const { agents, error, refreshing, refresh } = useAgents(host);
  const settings = useSettingsView();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const overrides = settings.view?.config.agents ?? {};
  const saved = () => {
    setEditing(null);
    void refresh();
  };
  return (
    <Page
      title="Agents"
      actions={
        <>
          {hosts.length ? (
            <label className="inline-field">
              <span>Detect on</span>
              <HostPicker id="agents-host" value={host} onChange={setHost} hosts={hosts} />
            </label>
          ) : null}
          <button type="button" className="btn" disabled={adding || !settings.view} onClick={() => setAdding(true)}>
            Add agent
          </button>
          <button type="button" className="btn" disabled={refreshing} onClick={() => void refresh()}>
            {refreshing ? 'Detecting…' : 'Detect again'}
          </button>
        </>
      }
    >
      {error || settings.loadError ? (
        <div className="notice notice-error" role="alert">
          <p>{error ?? settings.loadError}</p>
        </div>
      ) : null}
      {adding ? (
        <AddAgentForm
          existing={agents?.map((a) => a.name) ?? []}
          update={settings.update}
          onCancel={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void refresh();
          }}
        />
      ) : null}
      {!agents && !error ? <p className="detail-muted">Detecting agents{host ? ` on host ${host}` : ''}…</p> : null}
      {agents?.length === 0 ? <p className="detail-muted">No agents are defined. Add one with Add agent.</p> : null}
      {agents?.length ? (
        <ul className="screen-list" aria-label="Agents">
          {agents.map((a) => (
            <AgentRow
              key={a.name}
              agent={a}
              override={overrides[a.name]}
              editing={editing === a.name && !!settings.view}
              onEdit={(on) => setEditing(on ? a.name : null)}
              update={settings.update}
              onSaved={saved}
            />
          ))}
        </ul>
      ) : null}
      <p className="detail-muted agents-help">
        Changes are saved to {settings.view ? <code>{settings.view.file}</code> : 'config.json'} and apply to new tasks at once. Values of variables whose names look secret
        (…KEY, …TOKEN, …SECRET, …PASSWORD, …AUTH…) can be set or replaced here but are never shown.
      </p>
    </Page>
  );
}
