import { FieldMessage, noteId, fieldId } from './FieldMessage.js';

interface Props {
  /** Config key, also the error prefix: errors for "trustedRoots.1" show under row 2. */
  path: string;
  label: string;
  /** What one row is, for buttons and screen readers ("trusted root"). */
  item: string;
  values: string[];
  onChange(values: string[]): void;
  errors: Record<string, string>;
  hint: string;
  /** Shown when the list is empty. */
  empty: string;
  /** What a row looks like (folders by default). */
  placeholder?: string;
}

/** An editable list of folders: one input per folder, add and remove. */
export function PathListField({ path, label, item, values, onChange, errors, hint, empty, placeholder = '/absolute/path or ~/folder' }: Props) {
  const set = (i: number, v: string) => onChange(values.map((old, j) => (j === i ? v : old)));
  return (
    <fieldset className="setting path-list" aria-describedby={noteId(path)}>
      <legend className="field-label">{label}</legend>
      {values.length === 0 ? <p className="detail-muted path-empty">{empty}</p> : null}
      <ul className="path-rows">
        {values.map((v, i) => {
          const rowPath = `${path}.${i}`;
          const err = errors[rowPath];
          return (
            <li key={i} className="path-row">
              <div className="path-input">
                <input
                  className="input mono"
                  id={fieldId(rowPath)}
                  aria-label={`${item} ${i + 1}`}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? noteId(rowPath) : undefined}
                  placeholder={placeholder}
                  value={v}
                  onChange={(e) => set(i, e.target.value)}
                />
                <button type="button" className="btn btn-ghost" aria-label={`Remove ${item} ${i + 1}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </div>
              <FieldMessage path={rowPath} error={err} />
            </li>
          );
        })}
      </ul>
      <div>
        <button type="button" className="btn" onClick={() => onChange([...values, ''])}>
          Add {item}
        </button>
      </div>
      <FieldMessage path={path} error={errors[path]} hint={hint} />
    </fieldset>
  );
}
