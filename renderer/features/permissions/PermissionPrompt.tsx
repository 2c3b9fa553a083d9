import type { PermissionOptionKind, PermissionRequest } from '../../../shared/models/permission.js';
import { useApp } from '../../store/store-context.js';
import { toolCallFacts } from './tool-call-facts.js';

const BUTTON: Record<PermissionOptionKind, string> = {
  allow_once: 'btn btn-primary',
  allow_always: 'btn',
  reject_once: 'btn btn-danger',
  reject_always: 'btn btn-danger',
};

/** One permission request from an agent, with its options as buttons. */
export function PermissionPrompt({ request }: { request: PermissionRequest }) {
  const answer = useApp((s) => s.answerPermission);
  const busy = useApp((s) => s.answeringPermission === request.id);
  const error = useApp((s) => s.permissionErrors[request.id]);
  const facts = toolCallFacts(request.toolCall);
  const headId = `permission-${request.id}`;
  return (
    <section className="permission" role="group" aria-labelledby={headId}>
      <div className="permission-head">
        <span className="badge" data-column="input">
          Permission
        </span>
        <strong id={headId}>{request.title}</strong>
        {request.toolKind ? <code className="detail-muted">{request.toolKind}</code> : null}
      </div>
      {facts.locations.length ? (
        <ul className="permission-locations">
          {facts.locations.map((l) => (
            <li key={l} className="mono">
              {l}
            </li>
          ))}
        </ul>
      ) : null}
      {facts.command ? <pre className="prompt">{facts.command}</pre> : null}
      <div className="permission-actions">
        {request.options.map((o) => (
          <button key={o.optionId} type="button" className={BUTTON[o.kind]} disabled={busy} onClick={() => void answer(request, o.optionId)}>
            {o.name}
          </button>
        ))}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
