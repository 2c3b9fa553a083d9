import { resolveOptionChoice } from '../../core/permissions/policy.js';
import { parseCommandArgs, usageError } from '../args.js';
import { CliError, EXIT, type Command } from '../command.js';
import type { Api } from '../../../shared/contract.js';
import { TaskId } from '../../../shared/models/task.js';

type Request = Awaited<ReturnType<Api['permissions.list']>>[number];

/** The request a task id (its one pending request) or a request number names. */
async function findRequest(api: Api, rawId: string): Promise<Request> {
  if (TaskId.safeParse(rawId).success) {
    const pending = await api['permissions.list']({ taskId: rawId, all: false });
    if (pending.length === 1) return pending[0];
    if (!pending.length) throw new CliError(`task ${rawId} has no pending permission request; \`switchboard permissions\` lists the pending ones`);
    throw usageError('allow', `task ${rawId} has ${pending.length} pending permission requests (${pending.map((p) => p.id).join(', ')}): name one by its number`);
  }
  if (!/^\d+$/.test(rawId) || Number(rawId) < 1) {
    throw usageError('allow', `"${rawId}" is neither a task id nor a permission request number (see \`switchboard permissions\`)`);
  }
  const id = Number(rawId);
  const req = (await api['permissions.list']({ all: false })).find((p) => p.id === id) ?? (await api['permissions.list']({ all: true })).find((p) => p.id === id);
  if (!req) throw new CliError(`there is no permission request ${id}; \`switchboard permissions\` lists the pending ones`);
  return req;
}

export const allowCommand: Command = {
  name: 'allow',
  summary: 'Answer a permission request of an ACP agent',
  usage: `Usage: switchboard allow ID [OPTION] [--json] [--home DIR]

Answers the pending permission request of task ID, or request ID (the number \`switchboard
permissions\` prints; needed when a task has several pending). OPTION picks one of the options the
agent offered, by kind; the default is to allow once (or always, when once is not offered):
  once | always | allow        allow_once | allow_always | allow_once, else allow_always
  reject | deny | never        reject_once, else reject_always | ... | reject_always
  allow_once, reject_always... an option kind; or the option's own id
Needs the running instance.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('allow', ctx.argv, {}, [1, 2]);
    const [rawId, choice] = positionals;
    const api = await ctx.connect();
    const req = await findRequest(api, rawId);
    if (req.state !== 'pending') throw new CliError(`permission request ${req.id} of ${req.taskId} is already ${req.state}${req.decidedBy ? ` (by ${req.decidedBy})` : ''}`);
    const option = resolveOptionChoice(req.options, choice);
    if (!option) {
      const offered = req.options.map((o) => `${o.kind} (${o.optionId})`).join(', ');
      throw usageError('allow', `request ${req.id} offers no option matching "${choice ?? 'allow'}"; it offers: ${offered}`);
    }
    const answered = await api['permissions.answer']({ taskId: req.taskId, requestId: req.id, optionId: option.optionId });
    ctx.io.out(values.json ? JSON.stringify(answered, null, 2) : `${req.taskId}: ${option.kind} (${option.name}) for "${req.title}"`);
    return EXIT.ok;
  },
};
