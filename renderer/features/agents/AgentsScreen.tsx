import { Page } from '../../app/Page.js';
import { formatAge } from '../../lib/format.js';
import { useApp } from '../../store/store-context.js';
import { useAgents } from './use-agents.js';

/** Agents: which agent CLIs Switchboard found, their versions, commands, and why others cannot run. */
export function AgentsScreen() {
  const { agents, error, refreshing, refresh } = useAgents();
  const home = useApp((s) => s.status?.home);
  return (
    <Page
      title="Agents"
      actions={
        <button type="button" className="btn" disabled={refreshing} onClick={() => void refresh()}>
          {refreshing ? 'Detecting…' : 'Detect again'}
        </button>
      }
    >
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {!agents && !error ? <p className="detail-muted">Detecting agents…</p> : null}
      {agents ? (
        <ul className="screen-list" aria-label="Agents">
          {agents.map((a) => (
            <li key={a.name} className="screen-row agent-row" data-available={a.available ? 'true' : 'false'}>
              <span className="agent-dot" aria-hidden="true" />
              <div className="grow">
                <div className="agent-name">
                  <strong>{a.name}</strong>
                  <code className="card-agent">{a.transport.toUpperCase()}</code>
                  {!a.builtIn ? <span className="detail-muted">from config.json</span> : null}
                  {a.disabled ? <span className="detail-muted">disabled</span> : null}
                </div>
                <code className="detail-muted agent-command">{[a.command, ...a.args].join(' ')}</code>
                {a.available ? (
                  <div className="detail-muted">
                    {a.version ?? 'version unknown'}
                    {a.path ? ` · ${a.path}` : ''}
                  </div>
                ) : (
                  <div className="field-error">{a.reason ?? 'Not available here.'}</div>
                )}
                {a.ptyFallback ? <div className="detail-muted">Falls back to {a.ptyFallback} when the ACP handshake fails.</div> : null}
              </div>
              <span className="detail-muted" title={a.checkedAt}>
                {a.available ? 'Ready' : 'Unavailable'} · checked {formatAge(a.checkedAt, Date.now())}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="detail-muted agents-help">
        To change an agent’s command, arguments or environment, edit <code>agents</code> in {home ? <code>{home}/config.json</code> : 'config.json'}; Switchboard reloads it
        and the changes show here after <em>Detect again</em>.
      </p>
    </Page>
  );
}
