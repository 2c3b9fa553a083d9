import { useState } from 'react';
import { AgentName, type ConfigPatchInput } from '../../../shared/models/settings.js';
import { toApiError } from '../../api/api-error.js';
import { agentFieldErrors, argsOf } from './agent-form.js';

interface Props {
  existing: readonly string[];
  update(patch: ConfigPatchInput): Promise<unknown>;
  onAdded(name: string): void;
  onCancel(): void;
}

/** Adds an agent of your own to config.json: a name, how Switchboard talks to it, and its command. */
export function AddAgentForm({ existing, update, onAdded, onCancel }: Props) {
  const [name, setName] = useState('');
  const [transport, setTransport] = useState<'pty' | 'acp'>('pty');
  const [command, setCommand] = useState('');
  const [args, setArgs] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const found: Record<string, string> = {};
    const n = name.trim();
    const parsedName = AgentName.safeParse(n);
    if (!parsedName.success) found.name = parsedName.error.issues[0]?.message ?? 'Not a valid name.';
    else if (existing.includes(n)) found.name = `There is already an agent named ${n}; edit it instead.`;
    if (!command.trim()) found.command = 'Say which program runs this agent.';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await update({ agents: { [n]: { transport, command: command.trim(), args: argsOf(args) } } });
      onAdded(n);
    } catch (err) {
      const e = toApiError(err);
      const byField = agentFieldErrors(n, e.details);
      setErrors(Object.keys(byField).length ? byField : { agent: e.message });
    } finally {
      setBusy(false);
    }
  };

  const err = (f: string) =>
    errors[f] ? (
      <span className="field-error" id={`new-agent-${f}-error`} role="alert">
        {errors[f]}
      </span>
    ) : null;
  const invalid = (f: string) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `new-agent-${f}-error` } : {});
  return (
    <form
      className="card-section agent-editor"
      aria-label="Add an agent"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Add an agent</h2>
      <div className="settings-grid">
        <div className="field">
          <label htmlFor="new-agent-name">Name</label>
          <input id="new-agent-name" className="input" value={name} autoFocus onChange={(e) => setName(e.target.value)} {...invalid('name')} />
          {err('name') ?? <span className="field-hint">How tasks and dispatch files refer to it.</span>}
        </div>
        <div className="field">
          <label htmlFor="new-agent-transport">Talks over</label>
          <select id="new-agent-transport" className="select" value={transport} onChange={(e) => setTransport(e.target.value as 'pty' | 'acp')}>
            <option value="pty">Terminal (PTY): a CLI that takes the prompt as an argument</option>
            <option value="acp">Agent Client Protocol (ACP) over stdio</option>
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="new-agent-command">Command</label>
        <input id="new-agent-command" className="input mono" value={command} onChange={(e) => setCommand(e.target.value)} {...invalid('command')} />
        {err('command') ?? <span className="field-hint">A program on PATH, or a full path.</span>}
      </div>
      <div className="field">
        <label htmlFor="new-agent-args">Arguments, one per line</label>
        <textarea id="new-agent-args" className="textarea agent-args" rows={2} value={args} onChange={(e) => setArgs(e.target.value)} {...invalid('args')} />
        {err('args')}
      </div>
      {err('agent') ?? err('transport')}
      <div className="dialog-foot">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add agent'}
        </button>
      </div>
    </form>
  );
}
