import { useCallback, useState } from 'react';
import type { AgentInfo } from '../../../shared/models/agent.js';
import type { ConfigPatchInput, RedactedAgent } from '../../../shared/models/settings.js';
import { toApiError } from '../../api/api-error.js';
import { agentDraft, agentFieldErrors, agentPatch, type AgentDraft } from './agent-form.js';

export interface AgentEditorDeps {
  info: AgentInfo;
  override: RedactedAgent | undefined;
  /** settings.update with the view's revision. */
  update(patch: ConfigPatchInput): Promise<unknown>;
  /** After a save: detect the agents again and close the editor. */
  onSaved(): void;
}

/** One agent's editor: its draft, Save (errors placed by field), and removing its config entry. */
export function useAgentEditor({ info, override, update, onSaved }: AgentEditorDeps) {
  const [draft, setDraft] = useState<AgentDraft>(() => agentDraft(info, override));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const edit = useCallback((patch: Partial<AgentDraft>, field?: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'agent' && k !== (field ?? Object.keys(patch)[0]) && !k.startsWith('env.'))));
  }, []);

  const send = useCallback(
    async (patch: ConfigPatchInput) => {
      setBusy(true);
      try {
        await update(patch);
        onSaved();
      } catch (err) {
        const e = toApiError(err);
        const byField = agentFieldErrors(info.name, e.details);
        setErrors(Object.keys(byField).length ? byField : { agent: e.message });
      } finally {
        setBusy(false);
      }
    },
    [update, onSaved, info.name],
  );

  const save = useCallback(async () => {
    const built = agentPatch(info, override, draft);
    if (Object.keys(built.errors).length) {
      setErrors(built.errors);
      return;
    }
    if (!Object.keys(built.patch).length) {
      onSaved();
      return;
    }
    await send({ agents: { [info.name]: built.patch } });
  }, [info, override, draft, send, onSaved]);

  /** A built-in goes back to its defaults; an agent only config.json defines is removed. */
  const removeEntry = useCallback(() => send({ agents: { [info.name]: null } }), [send, info.name]);

  return { draft, errors, busy, edit, save, removeEntry };
}
