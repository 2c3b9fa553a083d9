import type { AgentInfo } from '../../../shared/models/agent.js';
import { EnvEditor } from './EnvEditor.js';
import { useAgentEditor, type AgentEditorDeps } from './use-agent-editor.js';

/** Edits one agent's command, arguments, environment and whether it is enabled. */
export function AgentEditor(props: AgentEditorDeps & { onCancel(): void }) {
  const { info, override, onCancel } = props;
  const { draft, errors, busy, edit, save, removeEntry } = useAgentEditor(props);
  const id = (f: string) => `agent-${info.name}-${f}`;
  const described = (f: string) => (errors[f] ? { 'aria-invalid': true, 'aria-describedby': `${id(f)}-error` } : {});
  const fieldError = (f: string) =>
    errors[f] ? (
      <span className="field-error" id={`${id(f)}-error`} role="alert">
        {errors[f]}
      </span>
    ) : null;
  return (
    <form
      className="agent-editor"
      aria-label={`Edit ${info.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor={id('command')}>Command</label>
        <input id={id('command')} className="input mono" value={draft.command} onChange={(e) => edit({ command: e.target.value })} {...described('command')} />
        {fieldError('command') ?? <span className="field-hint">A program on PATH, or a full path.</span>}
      </div>
      <div className="field">
        <label htmlFor={id('args')}>Arguments, one per line</label>
        <textarea id={id('args')} className="textarea agent-args" rows={Math.max(2, draft.args.split('\n').length)} value={draft.args} onChange={(e) => edit({ args: e.target.value })} {...described('args')} />
        {fieldError('args') ?? <span className="field-hint">Switchboard adds the prompt after these.</span>}
      </div>
      <EnvEditor agent={info.name} rows={draft.env} onChange={(env) => edit({ env }, 'env')} errors={errors} />
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => edit({ enabled: e.target.checked }, 'disabled')} /> Enabled (offered for new tasks)
      </label>
      {fieldError('agent') ?? fieldError('transport')}
      <div className="dialog-foot">
        {override ? <RemoveButton info={info} busy={busy} onClick={() => void removeEntry()} /> : null}
        <div className="spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function RemoveButton({ info, busy, onClick }: { info: AgentInfo; busy: boolean; onClick(): void }) {
  return (
    <button type="button" className="btn btn-danger" disabled={busy} onClick={onClick}>
      {info.builtIn ? 'Reset to built-in' : 'Remove agent'}
    </button>
  );
}
