import { answerPermission } from '../answer-permission.js';
import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';

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
    const { request: req, option, answered } = await answerPermission(api, rawId, choice);
    ctx.io.out(values.json ? JSON.stringify(answered, null, 2) : `${req.taskId}: ${option.kind} (${option.name}) for "${req.title}"`);
    return EXIT.ok;
  },
};
