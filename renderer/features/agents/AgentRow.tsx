import type { AgentInfo } from '../../../shared/models/agent.js';
import type { ConfigPatchInput, RedactedAgent } from '../../../shared/models/settings.js';
import { formatAge } from '../../lib/format.js';
import { AgentEditor } from './AgentEditor.js';

interface Props {
  agent: AgentInfo;
  override: RedactedAgent | undefined;
  editing: boolean;
  onEdit(editing: boolean): void;
  update(patch: ConfigPatchInput): Promise<unknown>;
  onSaved(): void;
}

/** One agent: whether it can run here (version or reason), its command, and its editor when open. */
export function AgentRow({ agent: a, override, editing, onEdit, update, onSaved }: Props) {
  return (
    <li className="screen-row agent-row" data-available={a.available ? 'true' : 'false'} aria-label={a.name}>
      <span className="agent-dot" aria-hidden="true" />
      <div className="grow">
        <div className="agent-name">
          <strong>{a.name}</strong>
          <code className="card-agent">{a.transport.toUpperCase()}</code>
          {!a.builtIn ? <span className="detail-muted">from config.json</span> : override ? <span className="detail-muted">changed in config.json</span> : null}
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
        {editing ? <AgentEditor info={a} override={override} update={update} onSaved={onSaved} onCancel={() => onEdit(false)} /> : null}
      </div>
      <div className="agent-side">
        <span className="detail-muted" title={a.checkedAt}>
          {a.available ? 'Ready' : 'Unavailable'} · checked {formatAge(a.checkedAt, Date.now())}
        </span>
        {!editing ? (
          <button type="button" className="btn" aria-label={`Edit ${a.name}`} onClick={() => onEdit(true)}>
            Edit
          </button>
        ) : null}
      </div>
    </li>
  );
}
