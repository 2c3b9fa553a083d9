/** Answers a pending ACP permission request by option kind or id: `switchboard allow` and the MCP answer_permission tool. */
import type { Api } from '../../shared/contract.js';
import type { PermissionRequest } from '../../shared/models/permission.js';
import { resolveOptionChoice } from '../core/permissions/policy.js';
import { CliError, EXIT } from './command.js';

export async function answerPermission(api: Api, id: number, choice: string | undefined): Promise<{ request: PermissionRequest; option: PermissionRequest['options'][number]; answered: PermissionRequest }> {
  const req = (await api['permissions.list']({})).find((p) => p.id === id) ?? (await api['permissions.list']({ all: true })).find((p) => p.id === id);
  if (!req) throw new CliError(`there is no permission request ${id}; \`switchboard permissions\` lists the pending ones`);
  if (req.state !== 'pending') throw new CliError(`permission request ${id} of ${req.taskId} is already ${req.state}${req.decidedBy ? ` (by ${req.decidedBy})` : ''}`);
  const option = resolveOptionChoice(req.options, choice);
  if (!option) {
    const offered = req.options.map((o) => `${o.kind} (${o.optionId})`).join(', ');
    throw new CliError(`request ${id} offers no option matching "${choice ?? 'allow'}"; it offers: ${offered}`, EXIT.usage);
  }
  const answered = await api['permissions.answer']({ taskId: req.taskId, requestId: id, optionId: option.optionId });
  return { request: req, option, answered };
}
