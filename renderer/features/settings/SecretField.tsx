import { useState } from 'react';
import type { SecretEdit } from './settings-form.js';
import { FieldMessage, fieldId, invalidProps } from './FieldMessage.js';

interface Props {
  path: string;
  label: string;
  /** Whether the core has a value; the value itself never reaches the page. */
  isSet: boolean;
  edit: SecretEdit;
  onChange(edit: SecretEdit): void;
  error?: string;
  hint: string;
}

/** A write-only secret: says whether one is set, and lets you set, change or clear it. */
export function SecretField({ path, label, isSet, edit, onChange, error, hint }: Props) {
  const [reveal, setReveal] = useState(false);
  const status = edit.kind === 'clear' ? 'Will be cleared when you save' : edit.kind === 'set' ? (isSet ? 'Will be changed when you save' : 'Will be set when you save') : isSet ? 'Set' : 'Not set';
  return (
    <div className="setting field secret-field" role="group" aria-labelledby={`${fieldId(path)}-label`}>
      <span className="field-label" id={`${fieldId(path)}-label`}>
        {label}
      </span>
      <div className="secret-row">
        <span className="secret-status" data-set={isSet ? 'true' : 'false'}>
          {status}
        </span>
        {edit.kind === 'keep' ? (
          <>
            <button type="button" className="btn" onClick={() => onChange({ kind: 'set', value: '' })}>
              {isSet ? 'Change…' : 'Set…'}
            </button>
            {isSet ? (
              <button type="button" className="btn btn-danger" onClick={() => onChange({ kind: 'clear' })}>
                Clear
              </button>
            ) : null}
          </>
        ) : (
          <button type="button" className="btn btn-ghost" onClick={() => onChange({ kind: 'keep' })}>
            {edit.kind === 'clear' ? 'Keep it' : 'Cancel'}
          </button>
        )}
      </div>
      {edit.kind === 'set' ? (
        <div className="secret-input">
          <input
            className="input mono"
            type={reveal ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            aria-label={`New ${label.toLowerCase()}`}
            placeholder="Type the new value"
            autoFocus
            value={edit.value}
            onChange={(e) => onChange({ kind: 'set', value: e.target.value })}
            {...invalidProps(path, error)}
          />
          <label className="check">
            <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> Show what I type
          </label>
        </div>
      ) : null}
      <FieldMessage path={path} error={error} hint={hint} />
    </div>
  );
}
