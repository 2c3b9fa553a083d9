import { isSecretRow, newEnvRow, type EnvRow } from './agent-form.js';

interface Props {
  agent: string;
  rows: EnvRow[];
  onChange(rows: EnvRow[]): void;
  errors: Record<string, string>;
}

/** The agent's own environment variables. Secret-looking ones (…KEY, …TOKEN) are write-only. */
export function EnvEditor({ agent, rows, onChange, errors }: Props) {
  const set = (id: number, patch: Partial<EnvRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className="env-editor">
      <legend className="field-label">Environment</legend>
      {rows.length === 0 ? <p className="detail-muted">No variables of its own. Its credentials come from your environment (see passEnv in config.json).</p> : null}
      <ul className="env-rows">
        {rows.map((row) => {
          const name = row.key || 'new variable';
          const error = errors[`env.${row.key.trim()}`] ?? errors[`env.#${row.id}`];
          const secret = isSecretRow(row);
          return (
            <li key={row.id} className="env-row">
              <input
                className="input mono env-key"
                aria-label={`Variable name (${agent})`}
                placeholder="NAME"
                value={row.key}
                readOnly={row.existing}
                onChange={(e) => set(row.id, { key: e.target.value })}
              />
              {row.secret && !row.replace ? (
                <span className="env-secret">
                  <span className="detail-muted">{row.secretSet ? 'Set (hidden)' : 'Empty'}</span>
                  <button type="button" className="btn" onClick={() => set(row.id, { replace: true, value: '' })} aria-label={`Change ${name}`}>
                    Change…
                  </button>
                </span>
              ) : (
                <input
                  className="input mono env-value"
                  type={secret ? 'password' : 'text'}
                  autoComplete={secret ? 'new-password' : 'off'}
                  aria-label={`Value of ${name}`}
                  aria-invalid={error ? true : undefined}
                  placeholder={secret ? 'New value (write-only)' : 'value'}
                  value={row.value}
                  onChange={(e) => set(row.id, { value: e.target.value })}
                />
              )}
              <button type="button" className="btn btn-ghost" aria-label={`Remove ${name}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
                Remove
              </button>
              {error ? (
                <span className="field-error env-error" role="alert">
                  {error}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div>
        <button type="button" className="btn" onClick={() => onChange([...rows, newEnvRow()])}>
          Add variable
        </button>
      </div>
    </fieldset>
  );
}
