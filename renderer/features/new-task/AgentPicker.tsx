import { useAgents } from '../agents/use-agents.js';

interface Props {
  value: string;
  onChange(agent: string): void;
  invalid: object;
  /** Agents seen on tasks, offered if detection is not available. */
  knownAgents: string[];
  /** The control's id (for its label); the New Task dialog's by default. */
  id?: string;
}

/** The agent for a new task: the installed ones, the others shown (disabled) with the reason. */
export function AgentPicker({ value, onChange, invalid, knownAgents, id = 'new-task-agent' }: Props) {
  const { agents, error } = useAgents();
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
