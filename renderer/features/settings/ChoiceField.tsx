import { FieldMessage, noteId } from './FieldMessage.js';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint: string;
}

/** A radio group: each choice with a line that says what it does. */
export function ChoiceField<T extends string>(props: { path: string; label: string; value: T; choices: Choice<T>[]; onChange(value: T): void; error?: string }) {
  const { path, label, value, choices, onChange, error } = props;
  return (
    <fieldset className="setting choice-field" aria-describedby={noteId(path)} aria-invalid={error ? true : undefined}>
      <legend className="field-label">{label}</legend>
      {choices.map((c) => (
        <label key={c.value} className="choice">
          <input type="radio" name={path} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
          <span>
            <span className="choice-label">{c.label}</span>
            <span className="field-hint">{c.hint}</span>
          </span>
        </label>
      ))}
      <FieldMessage path={path} error={error} />
    </fieldset>
  );
}
