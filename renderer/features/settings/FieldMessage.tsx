/** Ids that tie a control to its note (its error, or else its hint), and the note itself. */
export const fieldId = (path: string): string => `setting-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
export const noteId = (path: string): string => `${fieldId(path)}-note`;

/** The error for `path` if there is one, else the hint. Screen readers get it through aria-describedby. */
export function FieldMessage({ path, error, hint }: { path: string; error?: string; hint?: string }) {
  if (error) {
    return (
      <span className="field-error" id={noteId(path)} role="alert">
        {error}
      </span>
    );
  }
  return hint ? (
    <span className="field-hint" id={noteId(path)}>
      {hint}
    </span>
  ) : null;
}

/** Props for a control whose field may have an error. */
export const invalidProps = (path: string, error?: string) => ({
  id: fieldId(path),
  'aria-invalid': error ? true : undefined,
  'aria-describedby': noteId(path),
});
