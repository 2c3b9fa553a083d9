import { TASK_STATES, TaskState, type Task } from '../../../shared/models/task.js';
import { intFlag, parseCommandArgs, usageError } from '../args.js';
import { EXIT, type Command } from '../command.js';
import { age, excerpt, table } from '../format.js';
import { openTaskReader } from '../task-reader.js';

export const tasksCommand: Command = {
  name: 'tasks',
  summary: 'List tasks, newest first',
  usage: `Usage: switchboard tasks [--state S] [--project DIR] [--limit N] [--archived] [--json] [--home DIR]

Lists tasks, newest first: from the running instance, or straight from the store when none runs.

Options:
  --state S       only tasks in this state (repeat it, or separate states with commas):
                  ${TASK_STATES.join(', ')}
  --project DIR   only tasks of this project directory
  --limit N       at most N tasks (1 to 500, default 50)
  --archived      only archived tasks (the app's Archive; they are left out otherwise)
  --json          print a JSON array of tasks`,
  async run(ctx) {
    const { values } = parseCommandArgs('tasks', ctx.argv, {
      state: { type: 'string', multiple: true },
      project: { type: 'string' },
      limit: { type: 'string' },
      archived: { type: 'boolean' },
    });
    const states = (values.state ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    for (const s of states) {
      if (!TaskState.safeParse(s).success) throw usageError('tasks', `unknown state "${s}"; states are ${TASK_STATES.join(', ')}`);
    }
    const limit = intFlag('tasks', 'limit', values.limit, { min: 1, max: 500 }) ?? 50;

    const reader = openTaskReader(ctx.home);
    try {
      const { tasks } = await reader['tasks.list']({
        limit,
        archived: values.archived ? 'only' : 'exclude',
        ...(states.length ? { state: states as TaskState[] } : {}),
        ...(values.project ? { projectDir: values.project } : {}),
      });
      if (values.json) ctx.io.out(JSON.stringify(tasks, null, 2));
      else ctx.io.out(renderTasks(tasks, ctx.home));
      return EXIT.ok;
    } finally {
      reader.close();
    }
  },
};

export function renderTasks(tasks: Task[], home: string): string {
  if (!tasks.length) return `No tasks in ${home}.`;
  return table(
    ['ID', 'STATE', 'AGENT', 'AGE', 'PROJECT', 'PROMPT'],
    tasks.map((t) => [t.id, t.state, t.agent, age(t.createdAt), excerpt(t.projectDir, 40), excerpt(t.prompt, 60)]),
  );
}
