import { resolveOptionChoice } from '../../core/permissions/policy.js';
import { parseCommandArgs, usageError } from '../args.js';
import { CliError, EXIT, type Command } from '../command.js';

export const allowCommand: Command = {
  name: 'allow',
  summary: 'Answer a permission request of an ACP agent',
  usage: `Usage: switchboard allow ID [OPTION] [--json] [--home DIR]

Answers permission request ID (see \`switchboard permissions\`). OPTION picks one of the options the
agent offered, by kind; the default is to allow once (or always, when once is not offered):
  once | always | allow        allow_once | allow_always | allow_once, else allow_always
  reject | deny | never        reject_once, else reject_always | ... | reject_always
  allow_once, reject_always... an option kind; or the option's own id
Needs the running instance.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('allow', ctx.argv, {}, [1, 2]);
    const [rawId, choice] = positionals;
    if (!/^\d+$/.test(rawId) || Number(rawId) < 1) throw usageError('allow', `"${rawId}" is not a permission request id (a number from \`switchboard permissions\`)`);
    const id = Number(rawId);
    const api = await ctx.connect();
    const req =
      (await api['permissions.list']({})).find((p) => p.id === id) ?? (await api['permissions.list']({ all: true })).find((p) => p.id === id);
    if (!req) throw new CliError(`there is no permission request ${id}; \`switchboard permissions\` lists the pending ones`);
    if (req.state !== 'pending') throw new CliError(`permission request ${id} of ${req.taskId} is already ${req.state}${req.decidedBy ? ` (by ${req.decidedBy})` : ''}`);
    const option = resolveOptionChoice(req.options, choice);
    if (!option) {
      const offered = req.options.map((o) => `${o.kind} (${o.optionId})`).join(', ');
      throw usageError('allow', `request ${id} offers no option matching "${choice ?? 'allow'}"; it offers: ${offered}`);
    }
    const answered = await api['permissions.answer']({ taskId: req.taskId, requestId: id, optionId: option.optionId });
    ctx.io.out(values.json ? JSON.stringify(answered, null, 2) : `${req.taskId}: ${option.kind} (${option.name}) for "${req.title}"`);
    return EXIT.ok;
  },
};
