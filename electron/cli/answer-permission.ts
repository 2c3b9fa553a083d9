/** Answers a pending ACP permission request by option kind or id: `switchboard allow` and the MCP answer_permission tool. */
import type { Api } from '../../shared/contract.js';
import type { PermissionRequest } from '../../shared/models/permission.js';
import { TaskId } from '../../shared/models/task.js';
import { resolveOptionChoice } from '../core/permissions/policy.js';
import { CliError, EXIT } from './command.js';

/** The request a task id (its one pending request) or a request number names. */
async function findRequest(api: Api, ref: string | number): Promise<PermissionRequest> {
  const raw = String(ref);
  if (TaskId.safeParse(raw).success) {
    const pending = await api['permissions.list']({ taskId: raw, all: false });
    if (pending.length === 1) return pending[0];
    if (!pending.length) throw new CliError(`task ${raw} has no pending permission request; \`switchboard permissions\` lists the pending ones`);
    throw new CliError(`task ${raw} has ${pending.length} pending permission requests (${pending.map((p) => p.id).join(', ')}): name one by its number`, EXIT.usage);
  }
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new CliError(`"${raw}" is neither a task id nor a permission request number (see \`switchboard permissions\`)`, EXIT.usage);
  }
  const id = Number(raw);
  const req = (await api['permissions.list']({ all: false })).find((p) => p.id === id) ?? (await api['permissions.list']({ all: true })).find((p) => p.id === id);
  if (!req) throw new CliError(`there is no permission request ${id}; \`switchboard permissions\` lists the pending ones`);
  return req;
}

export async function answerPermission(api: Api, ref: string | number, choice: string | undefined): Promise<{ request: PermissionRequest; option: PermissionRequest['options'][number]; answered: PermissionRequest }> {
  const req = await findRequest(api, ref);
  if (req.state !== 'pending') throw new CliError(`permission request ${req.id} of ${req.taskId} is already ${req.state}${req.decidedBy ? ` (by ${req.decidedBy})` : ''}`);
  const option = resolveOptionChoice(req.options, choice);
  if (!option) {
    const offered = req.options.map((o) => `${o.kind} (${o.optionId})`).join(', ');
    throw new CliError(`request ${req.id} offers no option matching "${choice ?? 'allow'}"; it offers: ${offered}`, EXIT.usage);
  }
  const answered = await api['permissions.answer']({ taskId: req.taskId, requestId: req.id, optionId: option.optionId });
  return { request: req, option, answered };
}
