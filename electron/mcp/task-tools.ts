/**
 * The MCP tools over tasks. Every input field's schema is the shared contract's own (shared/contract/),
 * renamed to snake_case for MCP clients; the SDK turns them into JSON Schema and validates calls, so a
 * bad call comes back as an `isError` result naming the field.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { requests } from '../../shared/contract.js';
import { FINAL_STATES, TaskState, type Task } from '../../shared/models/task.js';
import { readDiffPage } from './diff-pages.js';
import type { McpDeps } from './mcp-deps.js';
import { guarded, toolResult } from './tool-result.js';
import { waitForTask } from './wait-for-task.js';

const create = requests['tasks.create'].input.shape;
const list = requests['tasks.list'].input.shape;
const approve = requests['changes.approve'].input.shape;
const reject = requests['changes.reject'].input.shape;
const followUp = requests['tasks.followUp'].input.shape;
const fileDiff = requests['changes.fileDiff'].input.shape;
const TaskIdField = requests['tasks.get'].input.shape.id;

/** States wait_for_task stops at by default: a final state, or one that needs the person. */
export const DEFAULT_WAIT_STATES: TaskState[] = [...FINAL_STATES, 'awaiting_review', 'awaiting_input', 'interrupted'];

const line = (t: Task): string => `${t.id} ${t.state}${t.errorType ? ` (${t.errorType}${t.error ? `: ${t.error}` : ''})` : ''} ${t.agent} ${t.projectDir}`;

export function registerTaskTools(server: McpServer, deps: McpDeps): void {
  server.registerTool(
    'create_task',
    {
      description: 'Queue a coding task for an agent in a project (its own git worktree unless in_place). Returns the task; follow it with wait_for_task.',
      inputSchema: {
        project_dir: create.projectDir.describe('absolute path of the project (a git repository under trustedRoots)'),
        task: create.prompt.describe('what the agent should do'),
        agent: create.agent.describe('agent name, e.g. claude, codex; default: the configured defaultAgent'),
        agents: create.agents.describe('two or more agents: best-of-N, one task per agent; the first is returned, its groupId names the group'),
        base_branch: create.baseBranch,
        host: create.host.describe('a host of config.json "hosts": the agent runs there, and project_dir is a path on it'),
        in_place: create.inPlace,
        ttl_seconds: create.ttlSeconds,
      },
    },
    guarded(async (a) => {
      const api = await deps.api();
      const task = await api['tasks.create']({ projectDir: a.project_dir, prompt: a.task, agent: a.agent, agents: a.agents, baseBranch: a.base_branch, host: a.host, inPlace: a.in_place, ttlSeconds: a.ttl_seconds });
      return toolResult(`created ${line(task)}${task.groupId ? ` (group ${task.groupId})` : ''}`, { task });
    }),
  );

  server.registerTool(
    'list_tasks',
    { description: 'List tasks, newest first.', inputSchema: { state: list.state, project_dir: list.projectDir, limit: list.limit } },
    guarded(async (a) => {
      const api = await deps.api();
      const { tasks } = await api['tasks.list']({ state: a.state, projectDir: a.project_dir, limit: a.limit });
      return toolResult(tasks.map(line).join('\n') || 'no tasks', { tasks });
    }),
  );

  server.registerTool(
    'get_task',
    { description: "A task's state, its runs (agent attempts) and its error if any.", inputSchema: { id: TaskIdField } },
    guarded(async (a) => {
      const { task, runs } = await (await deps.api())['tasks.get']({ id: a.id });
      return toolResult(`${line(task)}\n${runs.length} run(s)`, { task, runs });
    }),
  );

  server.registerTool(
    'wait_for_task',
    {
      description: `Wait (following the event stream) until the task is in one of the states (default: ${DEFAULT_WAIT_STATES.join(', ')}) or the timeout passes.`,
      inputSchema: {
        id: TaskIdField,
        states: z.array(TaskState).min(1).optional(),
        timeout_seconds: z.number().min(0).max(3600).default(50).describe('give up after this long (the task goes on); keep it below your client\'s request timeout'),
      },
    },
    guarded(async (a) => {
      const { task, reached } = await waitForTask(deps, a.id, a.states ?? DEFAULT_WAIT_STATES, a.timeout_seconds * 1000);
      return toolResult(reached ? line(task) : `still ${line(task)} after ${a.timeout_seconds} s; call wait_for_task again`, { task, timedOut: !reached });
    }),
  );

  server.registerTool(
    'get_diff',
    {
      description: "The task's captured change as a unified diff, paged: pass nextCursor back as cursor for the rest.",
      inputSchema: { id: TaskIdField, path: fileDiff.path.optional().describe('only this file'), cursor: z.string().optional() },
    },
    guarded(async (a) => {
      const page = await readDiffPage(await deps.api(), a.id, { path: a.path, cursor: a.cursor });
      const more = page.nextCursor ? `\n[more: call get_diff with cursor "${page.nextCursor}"]` : '';
      return toolResult((page.text || '(no changes)') + more, { ...page });
    }),
  );

  server.registerTool(
    'approve_task',
    {
      description: "Apply the task's change to the project (all of it, or the files/hunks named). Refused unless the user set mcp.allowApprove in config.json.",
      inputSchema: { id: TaskIdField, files: approve.files, hunks: approve.hunks },
    },
    guarded(async (a) => {
      const api = await deps.api();
      const settings = await api['settings.get']({});
      if (!settings.config.mcp.allowApprove) {
        throw new Error(
          `approve_task is off: approving ${a.id} is the person's to do (in the app, or \`switchboard approve ${a.id}\`). To let MCP clients approve, set "mcp": { "allowApprove": true } in ${settings.file}.`,
        );
      }
      const r = await api['changes.approve']({ taskId: a.id, files: a.files, hunks: a.hunks });
      return toolResult(`${line(r.task)}; applied ${r.appliedFiles.join(', ') || 'nothing'}`, { ...r });
    }),
  );

  server.registerTool(
    'reject_task',
    { description: "Discard the task's change.", inputSchema: { id: TaskIdField, reason: reject.reason } },
    guarded(async (a) => {
      const r = await (await deps.api())['changes.reject']({ taskId: a.id, reason: a.reason });
      return toolResult(line(r.task), { ...r });
    }),
  );

  server.registerTool(
    'follow_up',
    { description: 'Send the task back to its agent with a message (same worktree, same session).', inputSchema: { id: TaskIdField, message: followUp.message } },
    guarded(async (a) => {
      const task = await (await deps.api())['tasks.followUp']({ taskId: a.id, message: a.message });
      return toolResult(line(task), { task });
    }),
  );

  server.registerTool(
    'cancel_task',
    { description: 'Cancel a queued or running task.', inputSchema: { id: TaskIdField } },
    guarded(async (a) => {
      const task = await (await deps.api())['tasks.cancel']({ id: a.id });
      return toolResult(line(task), { task });
    }),
  );
}
