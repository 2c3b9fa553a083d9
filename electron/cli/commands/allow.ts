import { answerPermission } from '../answer-permission.js';
import { parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';

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
    const { request: req, option, answered } = await answerPermission(api, id, choice);
    ctx.io.out(values.json ? JSON.stringify(answered, null, 2) : `${req.taskId}: ${option.kind} (${option.name}) for "${req.title}"`);
    return EXIT.ok;
  },
};
