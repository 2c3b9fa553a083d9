import { parseCommandArgs } from '../args.js';
import { EXIT, type Command } from '../command.js';

export const prCommand: Command = {
  name: 'pr',
  summary: "Hand a task's change off as a GitHub pull request instead of applying it",
  usage: `Usage: switchboard pr ID [--draft] [--title T] [--file PATH]... [--json] [--home DIR]

Commits the task's change (or only the files named with --file) on the branch switchboard/ID,
pushes it to origin (or switchboard.json's github.pushRemote) and opens a pull request into the base
branch, or reuses the one already open for that branch. The task ends as pr_opened with the PR's
number and URL on it. After a follow-up, run it again: the new change is pushed to the same PR.
The repository is switchboard.json's github.repo, else read from the remote's URL. The token comes
from GITHUB_TOKEN, then \`gh auth token\`, then githubToken in config.json.`,
  async run(ctx) {
    const { values, positionals } = parseCommandArgs('pr', ctx.argv, { draft: { type: 'boolean' }, title: { type: 'string' }, file: { type: 'string', multiple: true } }, [1, 1]);
    const api = await ctx.connect();
    const result = await api['changes.openPr']({ taskId: positionals[0], draft: values.draft, title: values.title, files: values.file });
    if (values.json) ctx.io.out(JSON.stringify(result, null, 2));
    else {
      const what = result.reused ? (result.pushed ? 'pushed to' : 'already up to date in') : 'opened';
      ctx.io.out(`${result.task.id} is ${result.task.state}: ${what} pull request #${result.pr.number} (${result.pr.branch} → ${result.pr.base})\n${result.pr.url}`);
    }
    return EXIT.ok;
  },
};
