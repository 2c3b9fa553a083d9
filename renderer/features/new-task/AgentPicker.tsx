import type { AgentInfo } from '../../../shared/models/agent.js';

interface Props {
  value: string;
  onChange(agent: string): void;
  invalid: object;
  /** Agents seen on tasks, offered if detection is not available. */
  knownAgents: string[];
  /** What detection found (null while it runs or when it failed), and why it failed (the caller's useAgents). */
  agents: AgentInfo[] | null;
  error: string | null;
  /** The control's id (for its label); the New Task dialog's by default. */
  id?: string;
}

/** The agent for a new task: the installed ones, the others shown (disabled) with the reason. */
export function AgentPicker({ value, onChange, invalid, knownAgents, agents, error, id = 'new-task-agent' }: Props) {
  if (!agents) {
    // Detection failed or is still running: a free field still works (the core checks the name).
    return (
      <>
        <input id={id} className="input" list={`${id}s`} placeholder="Default agent" value={value} onChange={(e) => onChange(e.target.value)} {...invalid} />
        <datalist id={`${id}s`}>
          {knownAgents.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        {error ? <span className="field-hint">{error}</span> : null}
      </>
    );
  }
  const ready = agents.filter((a) => a.available && !a.disabled);
  const others = agents.filter((a) => !a.available || a.disabled);
  return (
    <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)} {...invalid}>
      <option value="">Default agent</option>
      {ready.map((a) => (
        <option key={a.name} value={a.name}>
          {a.name}
          {a.version ? ` (${a.version})` : ''}
        </option>
      ))}
      {others.length ? (
        <optgroup label="Not available">
          {others.map((a) => (
            // The full reason (often a long install hint) is the tooltip and on the Agents screen: as
            // option text it would widen the select past the dialog.
            <option key={a.name} value={a.name} disabled title={a.disabled ? 'disabled in config.json' : (a.reason ?? undefined)}>
              {a.name}: {a.disabled ? 'disabled' : 'not installed'}
            </option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}

/**
 * Best of N (issue 17): more agents to run the same prompt, each in its own worktree, compared side
 * by side when they are done. Only installed agents are offered; the one picked above is left out.
 */
export function AlsoAgents({ agents, first, value, onChange }: { agents: AgentInfo[] | null; first: string; value: string[]; onChange(next: string[]): void }) {
  const offered = (agents ?? []).filter((a) => a.available && !a.disabled && a.name !== first);
  if (!offered.length) return null;
  const toggle = (name: string) => onChange(value.includes(name) ? value.filter((v) => v !== name) : [...value, name]);
  return (
    <fieldset className="field also-agents">
      <legend>Best of N: also run with</legend>
      <div className="also-agents-list">
        {offered.map((a) => (
          <label key={a.name} className="check">
            <input type="checkbox" checked={value.includes(a.name)} onChange={() => toggle(a.name)} />
            {a.name}
          </label>
        ))}
      </div>
      <span className="field-hint">
        {value.filter((v) => v !== first).length
          ? `${value.filter((v) => v !== first).length + 1} agents get the same prompt; compare their results and keep the best.`
          : 'Tick agents to run the same prompt on each, and keep the best result.'}
      </span>
    </fieldset>
  );
}
