/**
 * One ACP run: spawn, handshake, session, one prompt turn, end. start() resolves once the agent has
 * answered `initialize` (so a non-ACP command fails there, before the run counts as started); the
 * turn then runs in the background and `done` reports how it ended.
 */
import { Readable, Writable } from 'node:stream';
import { ndJsonStream, RequestError, type ClientConnection, type CreateTerminalRequest, type RequestPermissionResponse } from '@agentclientprotocol/sdk';
import type { PermissionOption } from '../../../../shared/models/permission.js';
import type { AuditRepo } from '../../store/audit-repo.js';
import type { Clock } from '../../clock.js';
import type { PermissionService } from '../../permissions/permission-service.js';
import type { RunHandle, RunOutcome, RunRequest } from '../runner.js';
import type { AgentProcess } from './agent-process.js';
import { buildClientApp } from './client-app.js';
import { AcpHandshakeError, errorText } from './errors.js';
import { handshake } from './handshake.js';
import { nextMinute, openSession } from './open-session.js';
import { turnOutcome, type TurnResult } from './outcome.js';
import { createToolCallMemory, tapSessionUpdates, updateEvent } from './session-updates.js';
import { createTerminals } from './terminals.js';
import { createWorktreeFs } from './worktree-fs.js';
import { localPlace, type AcpPlace } from './place.js';

export interface AcpSessionDeps {
  permissions: PermissionService;
  audit: AuditRepo;
  clock: Clock;
  handshakeTimeoutMs: number;
  clientVersion: string;
}

/** A failure of the transport (ssh) as a start error the scheduler records with its type. */
const transportFailure = (proc: AgentProcess): Error | null => {
  const f = proc.failure?.();
  return f ? Object.assign(new Error(f.error), { errorType: f.errorType }) : null;
};

type StopReason = 'cancel' | 'timeout' | 'shutdown';

const within = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([p.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

export async function startAcpSession(req: RunRequest, deps: AcpSessionDeps, place: AcpPlace = localPlace): Promise<RunHandle> {
  const { agent, sink, task, run } = req;
  const caps = { fs: agent.acp?.fs !== false, fsRead: agent.acp?.fs !== false && agent.acp?.fsRead !== false, terminal: agent.acp?.terminal !== false };
  const killGraceMs = (agent.killGraceSeconds ?? 3) * 1000;

  const cwdProblem = place.cwdProblem(req.cwd);
  if (cwdProblem) throw new Error(`cannot start ${agent.name} for ${task.id}: ${cwdProblem}; retry the task to prepare it again`);
  let proc: AgentProcess;
  try {
    proc = await place.spawn({ command: agent.command, args: agent.args ?? [], cwd: req.cwd, env: req.env });
  } catch (err) {
    throw new AcpHandshakeError(agent.name, 'spawn_failed', `cannot start ${agent.command}: ${errorText(err)}`);
  }
  try {
    sink.spawned(proc.pid);
  } catch (err) {
    void proc.terminate(0, true); // its pid could not be recorded (a full disk): it must not run untracked
    throw err;
  }

  const audit = (kind: string, data: Record<string, unknown>): void =>
    void deps.audit.append(deps.clock.now(), kind, task.id, `agent:${agent.name}`, { runId: run.id, ...data });
  const fs = createWorktreeFs(
    req.cwd,
    (r) => {
      audit('acp.fs_refused', { ...r });
      sink.event('acp.fs_refused', r);
    },
    place.fs,
  );
  const terminals = caps.terminal
    ? createTerminals({ spawner: place.terminals, resolveCwd: fs.dir, env: req.env, output: sink.output, event: (d) => sink.event('acp.terminal', d), killGraceMs })
    : null;

  let sessionId: string | null = null;
  let replaying = false;
  let stopping: StopReason | null = null;
  let denials = 0;
  const flags: string[] = [];
  const toolCalls = createToolCallMemory();

  const requestPermission = async (params: { sessionId: string; toolCall: object; options: PermissionOption[] }, signal: AbortSignal): Promise<RequestPermissionResponse> => {
    if (stopping) return { outcome: { outcome: 'cancelled' } };
    const { request, outcome } = await deps.permissions.request({
      taskId: task.id,
      runId: run.id,
      sessionId: params.sessionId,
      toolCall: toolCalls.complete(params.toolCall as Record<string, unknown>),
      options: params.options.map((o) => ({ optionId: o.optionId, name: o.name, kind: o.kind })),
      signal,
      onPendingChange: (pending) => sink.awaitingInput(pending),
    });
    if (outcome.outcome === 'cancelled' || outcome.kind.startsWith('reject')) denials++;
    sink.event('acp.permission', { requestId: request.id, title: request.title, toolKind: request.toolKind, toolCallId: request.toolCall.toolCallId ?? null, ...outcome });
    return { outcome: outcome.outcome === 'selected' ? { outcome: 'selected', optionId: outcome.optionId } : { outcome: 'cancelled' } };
  };

  // terminal/create runs a command as surely as a tool call does, so it is asked about like one
  // (kind `execute`): the policy or a person decides before any process starts.
  let terminalAsks = 0;
  const approveTerminal = async (p: CreateTerminalRequest, signal: AbortSignal): Promise<void> => {
    const line = [p.command, ...(p.args ?? [])].join(' ');
    const response = await requestPermission(
      {
        sessionId: p.sessionId,
        toolCall: { toolCallId: `switchboard-terminal-${++terminalAsks}`, title: `Run in a terminal: ${line}`, kind: 'execute', rawInput: { command: p.command, args: p.args ?? [], cwd: p.cwd ?? null } },
        options: [
          { optionId: 'terminal-allow', name: 'Allow', kind: 'allow_once' },
          { optionId: 'terminal-reject', name: 'Reject', kind: 'reject_once' },
        ],
      },
      signal,
    );
    if (response.outcome.outcome !== 'selected' || response.outcome.optionId !== 'terminal-allow') {
      throw RequestError.invalidRequest({ command: p.command }, `the terminal command "${line}" was not allowed (permission policy or a person refused it)`);
    }
  };

  const app = buildClientApp({
    requestPermission,
    approveTerminal,
    wrote: (info) => sink.event('acp.fs_write', info),
    fs: caps.fs ? fs : null,
    fsRead: caps.fsRead,
    terminals,
  });
  let lostUpdates = 0;
  const onUpdate = (params: unknown): void => {
    if (replaying) return;
    const { kind, data } = updateEvent(params);
    toolCalls.note(data);
    try {
      sink.event(kind, data);
    } catch {
      lostUpdates++;
    }
  };
  const wire = ndJsonStream(Writable.toWeb(proc.child.stdin) as WritableStream<Uint8Array>, Readable.toWeb(proc.child.stdout) as ReadableStream<Uint8Array>);
  const conn: ClientConnection = app.connect(tapSessionUpdates(wire, onUpdate));
  const abandon = async (): Promise<void> => {
    conn.close();
    await proc.terminate(Math.min(killGraceMs, 300));
    await terminals?.releaseAll();
  };

  let shook: Awaited<ReturnType<typeof handshake>>;
  try {
    shook = await handshake(conn, proc, { agent: agent.name, command: agent.command, ...caps, timeoutMs: deps.handshakeTimeoutMs, clientVersion: deps.clientVersion });
  } catch (err) {
    await abandon();
    throw transportFailure(proc) ?? err;
  }

  // The turn: session, prompt, until a stopReason (or an error, or the process ending).
  const turn: Promise<TurnResult> = (async (): Promise<TurnResult> => {
    if (!shook.ok) return { error: shook.error };
    sink.event('acp.initialize', { protocolVersion: shook.init.protocolVersion, agentInfo: shook.init.agentInfo ?? null, agentCapabilities: shook.init.agentCapabilities ?? {} });
    const opened = await openSession(conn, shook.init, {
      cwd: req.cwd,
      resumeSessionId: req.resumeSessionId,
      replaying: (on) => (replaying = on),
      // An unknown end (a crash mid-run) counts as now: the session may have been recorded until then.
      loadNotBefore: req.agent.acp?.loadInLaterMinute && req.resumeSessionId ? nextMinute(req.resumeSessionLastUsed ?? Date.now()) : undefined,
      waiting: (ms) =>
        sink.event('acp.session_wait', { seconds: Math.ceil(ms / 1000), reason: `${req.agent.name} cannot load a session in the minute it was last recorded; waiting for the next minute` }),
    });
    sessionId = opened.sessionId;
    flags.push(...opened.flags);
    sink.sessionId(opened.sessionId);
    sink.event('acp.session', { sessionId: opened.sessionId, how: opened.how, modes: opened.response.modes ?? null, models: (opened.response as { models?: unknown }).models ?? null });
    if (stopping) return { stopReason: 'cancelled' };
    const response = await conn.agent.request('session/prompt', { sessionId: opened.sessionId, prompt: [{ type: 'text', text: req.prompt }] });
    sink.event('acp.stop', response);
    return { stopReason: response.stopReason };
  })().catch((error: unknown) => ({ error }));

  let stageMs = killGraceMs;
  let ended = false;
  const done: Promise<RunOutcome> = (async () => {
    const result = await turn;
    const exit = await proc.terminate(stageMs);
    ended = true;
    conn.close();
    await terminals?.releaseAll();
    deps.permissions.cancelRun(run.id, 'run-ended');
    if (lostUpdates) flags.push(`acp_updates_lost: ${lostUpdates} session update(s) could not be stored`);
    if (denials) flags.push(`permission_denials: ${denials} permission request(s) were rejected or cancelled`);
    const lost = stopping || 'stopReason' in result ? null : proc.failure?.();
    const outcome = lost ? { ...exit, ...lost } : turnOutcome({ result, stopping, agent: agent.name, loginHint: agent.loginHint, exit, stderr: proc.stderrTail() });
    if (outcome.error && !stopping) sink.event('acp.error', { errorType: outcome.errorType, message: outcome.error });
    return { ...outcome, flags: [...flags] };
  })().catch((err: unknown) => ({ exitCode: null, signal: null, errorType: 'internal' as const, error: `the ACP runner failed: ${errorText(err)}`, flags }));

  return {
    pid: proc.pid,
    done,
    write: () => {},
    resize: () => {},
    async stop(reason, graceMs) {
      if (!stopping && !ended) {
        stopping = reason;
        stageMs = Math.min(killGraceMs, Math.max(graceMs, 100));
        if (sessionId) conn.agent.notify('session/cancel', { sessionId }).catch(() => {});
        deps.permissions.cancelRun(run.id, reason);
        // Updates keep coming until the prompt returns; after the grace, the group is killed.
        if (!(await within(turn, graceMs))) void proc.terminate(stageMs, true);
      }
      await done;
    },
  };
}
