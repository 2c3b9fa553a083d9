/**
 * One attempt at a task, from `preparing` to its end: prepare the workspace, start the agent (its pid
 * and start time recorded before the run counts as started), stream, enforce the TTL, then hand the
 * outcome to finishTask(). Every state change goes through transition().
 */
import type { Task } from '../../../shared/models/task.js';
import { buildRunSink } from './run-sink.js';
import { runSetup } from '../provision/run-setup.js';
import { readSwitchboardFileOn, SwitchboardFileError } from '../provision/switchboard-file.js';
import { localShellPlace } from '../provision/shell-step.js';
import type { PreparedWorkspace } from '../git/workspace.js';
import { finishTask, failTask } from './finish-task.js';
import { followUpPrompt, readFollowUp } from '../runners/agent-args.js';
import { cleanEnv } from '../runners/clean-env.js';
import { runMarker } from '../runners/process-control/process-control.js';
import { processStartTime } from '../runners/process-group.js';
import { createRunFacts, failedToolsFlag, type RunFacts } from '../runners/run-facts.js';
import { createRunOutput } from '../runners/run-output.js';
import { AgentStartError, startAgent } from '../runners/start-agent.js';
import type { ResolvedAgent, RunOutcome, RunRequest } from '../runners/runner.js';
import type { ActiveTask, SchedulerDeps } from './types.js';

export async function runTask(deps: SchedulerDeps, task: Task, agent: ResolvedAgent, active: ActiveTask): Promise<void> {
  const { store, clock, config, workspace, live } = deps;

  let prepared;
  try {
    prepared = await workspace.prepare(task);
  } catch (err) {
    // An invalid switchboard.json is the project's setup failing, not git's.
    if (err instanceof SwitchboardFileError) setupFailed(deps, task.id, err.message);
    else failTask(deps, task.id, 'git_error', `could not prepare the workspace of task ${task.id}: ${(err as Error).message}`);
    return;
  }
  if (active.stopReason) return void finishTask(deps, task, active, null, null);

  const fresh = store.tasks.get(task.id) ?? task;
  const followUp = readFollowUp(fresh.meta);
  const previous = followUp ? previousSession(deps, task.id, agent.name) : null;
  const resumeSessionId = previous?.sessionId ?? null;
  const prompt = followUp ? followUpPrompt(fresh.prompt, followUp, !!(resumeSessionId && agent.resumeArgs?.length)) : fresh.prompt;

  const cfg = config.get();
  const run = store.runs.create(task.id, agent.name, agent.transport, deps.instanceId, clock.now(), agent.interactive === true);
  const log = deps.log ?? ((m: string) => console.error(`switchboard scheduler: ${m}`));
  const output = createRunOutput({ bus: deps.bus, writer: store.output.writer(run.id, cfg.outputCapBytes), taskId: task.id, runId: run.id, log, tick: deps.outputTick });
  live.add({ taskId: task.id, runId: run.id, output, handle: null });
  const facts = createRunFacts();
  const sink = buildRunSink(deps, task.id, run.id, output, prepared, facts);

  const envFor = (a: ResolvedAgent): Record<string, string> =>
    cleanEnv({ agent: a, dispatchId: task.id, marker: runMarker(deps.homeKey, task.id), parent: deps.env ?? process.env, secrets: [cfg.dispatchSecret, cfg.githubToken, ...(deps.secrets?.() ?? [])] });
  const request = (a: ResolvedAgent): RunRequest => ({
    task: fresh,
    run,
    agent: a,
    cwd: prepared.cwd,
    prompt,
    env: envFor(a),
    resumeSessionId: a.name === agent.name ? resumeSessionId : null,
    resumeSessionLastUsed: a.name === agent.name ? (previous?.lastUsed ?? null) : null,
    sink,
  });

  let outcome: RunOutcome;
  let ttlTimer: NodeJS.Timeout | null = null;
  let setupError: string | null = null;
  const startAndWait = async (): Promise<RunOutcome> => {
    const started = await startAgent(
      {
        runners: deps.runners,
        registry: deps.registry,
        onFallback: (flag) => {
          store.runs.addFlag(run.id, flag);
          store.runs.setTransport(run.id, 'pty');
        },
      },
      agent,
      request,
    );
    active.handle = started.handle;
    active.graceMs = graceFor(deps, started.agent);
    active.interactive = started.agent.interactive ? { quitInput: started.agent.quitInput ?? null } : null;
    const liveRun = live.get(task.id);
    if (liveRun) liveRun.handle = started.handle;
    if (active.stopReason) void started.handle.stop(active.stopReason, active.graceMs);
    const ttlMs = deps.ttlMs?.(fresh) ?? fresh.ttlSeconds * 1000;
    ttlTimer = setTimeout(() => {
      if (active.stopReason) return;
      active.stopReason = 'timeout';
      void started.handle.stop('timeout', active.graceMs);
    }, ttlMs);
    return started.handle.done;
  };
  try {
    const setup = prepared.created ? await runSetupStep(deps, { taskId: task.id, runId: run.id }, prepared, envFor(agent), output, active) : null;
    if (setup && !setup.ok) setupError = setup.error;
    if (setup && !setup.ok) outcome = { exitCode: setup.exitCode, signal: setup.signal, errorType: 'setup_failed', error: setup.error, flags: [] };
    else if (active.stopReason) outcome = { exitCode: null, signal: null, errorType: null, error: null, flags: [] };
    else outcome = await startAndWait();
  } catch (err) {
    const type = err instanceof AgentStartError ? err.errorType : 'crashed';
    outcome = { exitCode: null, signal: null, errorType: type, error: (err as Error).message, flags: [] };
  } finally {
    if (ttlTimer) clearTimeout(ttlTimer);
    sink.flush(); // the last structured events, before the run's end is recorded
    output.close();
    live.remove(task.id, run.id);
    store.events.release(run.id);
  }
  // Done ended an interactive agent on purpose: however it exited (quit, SIGTERM), its work is reviewed.
  if (active.doneRequested && !active.stopReason) outcome = { ...outcome, errorType: null, error: null };
  const finalOutcome = withFacts(deps, { runId: run.id, taskId: task.id, agent: agent.name }, facts, outcome);
  if (setupError && !active.stopReason) {
    store.runs.finish(run.id, finalOutcome, clock.now());
    return setupFailed(deps, task.id, setupError);
  }
  await finishTask(deps, task, active, run.id, finalOutcome);
}

/** Records the run's usage, and flags its failed tool calls on the outcome. */
function withFacts(deps: SchedulerDeps, run: { runId: number; taskId: string; agent: string }, facts: RunFacts, outcome: RunOutcome): RunOutcome {
  const usage = facts.usage();
  try {
    if (usage) deps.store.usage.record(run, usage, deps.clock.now());
  } catch (err) {
    (deps.log ?? console.error)(`task ${run.taskId}, run ${run.runId}: its usage could not be stored (${(err as Error).message})`);
  }
  const flag = failedToolsFlag(facts.failedToolCalls());
  return flag ? { ...outcome, flags: [...outcome.flags, flag] } : outcome;
}

function setupFailed(deps: SchedulerDeps, taskId: string, error: string): void {
  deps.transition(taskId, 'setup_fail', { reason: 'setup failed', patch: { error_type: 'setup_failed', error } });
}

/**
 * Runs switchboard.json's setup in a new worktree, where the workspace says (this machine, or the
 * task's host over ssh); while it runs, a cancel or shutdown stops it.
 */
async function runSetupStep(deps: SchedulerDeps, ids: { taskId: string; runId: number }, prepared: PreparedWorkspace, env: Record<string, string>, output: { write(d: string): void }, active: ActiveTask) {
  const place = prepared.shell ?? localShellPlace;
  return runSetup({
    file: await readSwitchboardFileOn(place.fs, prepared.cwd, place.host ? ` on host ${place.host}` : ''),
    cwd: prepared.cwd,
    env,
    spawner: await place.spawner(ids.taskId, ids.runId),
    host: place.host,
    write: (d) => output.write(d),
    running: (h) => (active.handle = h),
    // Its pid is on the run while it works (the agent's replaces it), so a crash leaves nothing untracked.
    spawned: (pid) => deps.store.runs.setProcess(ids.runId, pid, processStartTime(pid)),
    taskId: ids.taskId,
  });
}

/** The agent's session of the task's latest run that had one, for a follow-up's --resume. */
/** The agent's newest session on this task, and when the run that used it ended (null: it did not). */
function previousSession(deps: SchedulerDeps, taskId: string, agentName: string): { sessionId: string; lastUsed: number | null } | null {
  const runs = deps.store.runs.forTask(taskId);
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i];
    if (r.agent === agentName && r.sessionId) return { sessionId: r.sessionId, lastUsed: r.endedAt ? Date.parse(r.endedAt) : null };
  }
  return null;
}

const graceFor = (deps: SchedulerDeps, agent: ResolvedAgent): number => deps.killGraceMs ?? (agent.killGraceSeconds ?? 5) * 1000;
