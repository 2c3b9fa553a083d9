import type { PermissionPolicy } from '../../../shared/models/config.js';
import { ChoiceField, type Choice } from './ChoiceField.js';
import { FieldMessage } from './FieldMessage.js';
import type { SettingsForm } from './use-settings-form.js';

const POLICIES: Choice<PermissionPolicy>[] = [
  { value: 'ask', label: 'Ask every time', hint: 'An ACP agent waits for you to allow each tool call.' },
  { value: 'allow-reads', label: 'Allow reads, ask for the rest', hint: 'Reading files is allowed; edits and commands wait for you.' },
  { value: 'allow-all', label: 'Allow everything', hint: 'Agents never wait. Their changes still go through review.' },
];

const INTERRUPTED: Choice<'requeue' | 'leave'>[] = [
  { value: 'requeue', label: 'Queue them again', hint: 'Tasks cut short by a crash or shutdown run again at start-up.' },
  { value: 'leave', label: 'Leave them interrupted', hint: 'You decide for each one (Retry in its detail pane).' },
];

/** How agents are supervised: permission policy, what happens after a restart, and local-only. */
export function PolicySection({ form }: { form: SettingsForm }) {
  const { view, draft, errors, edit } = form;
  if (!view || !draft) return null;
  return (
    <section className="card-section" aria-labelledby="settings-policy">
      <h2 id="settings-policy">Agents and restarts</h2>
      <div className="settings-grid">
        <ChoiceField path="permissionPolicy" label="Permission policy" value={draft.permissionPolicy} choices={POLICIES} onChange={(v) => edit('permissionPolicy', v)} error={errors.permissionPolicy} />
        <ChoiceField path="onInterrupted" label="Interrupted tasks" value={draft.onInterrupted} choices={INTERRUPTED} onChange={(v) => edit('onInterrupted', v)} error={errors.onInterrupted} />
      </div>
      <div className="setting field">
        <label className="check">
          <input type="checkbox" checked={draft.localOnly || view.localOnlyForced} disabled={view.localOnlyForced} onChange={(e) => edit('localOnly', e.target.checked)} aria-describedby="setting-localOnly-note" />
          Local only
        </label>
        <FieldMessage
          path="localOnly"
          error={errors.localOnly}
          hint={view.localOnlyForced ? 'On for this session: Switchboard was started with --local-only.' : 'Nothing leaves this machine: completion callbacks are not sent.'}
        />
      </div>
      <div className="setting field">
        <label className="check">
          <input type="checkbox" checked={draft.mcpAllowApprove} onChange={(e) => edit('mcpAllowApprove', e.target.checked)} aria-describedby="setting-mcp.allowApprove-note" />
          Let MCP clients approve changes
        </label>
        <FieldMessage
          path="mcp.allowApprove"
          error={errors['mcp.allowApprove'] ?? errors.mcp}
          hint="Off: an agent driving Switchboard through `switchboard mcp` can create and review tasks, but applying a change stays yours."
        />
      </div>
    </section>
  );
}
