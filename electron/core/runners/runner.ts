/**
 * The interface every transport implements (PTY, ACP). The scheduler owns the task's lifecycle; a
 * runner only starts one agent process for one run, streams what it does, and reports how it ended.
 */
import type { AgentDefinition } from '../../../shared/models/config.js';
import type { ErrorType, Task } from '../../../shared/models/task.js';
import type { Run } from '../../../shared/models/run.js';

/** An agent definition after built-ins and config are merged, with its name. */
export interface ResolvedAgent extends AgentDefinition {
  name: string;
}

export interface RunSink {
  /** Raw terminal bytes (PTY runs, ACP terminals). Batched and stored by the caller. */
  output(data: string): void;
  /** A structured event: a Claude stream-json message, an ACP session/update... Stored raw. */
  event(kind: string, data: unknown): void;
  /** The agent's session id, once known (for --resume / follow-ups). */
  sessionId(id: string): void;
  /** The run is waiting for a person (ACP permission request) or no longer is. */
  awaitingInput(waiting: boolean): void;
  /** Called once the process exists, before the run counts as started (invariant 2). */
  spawned(pid: number): void;
}

export interface RunRequest {
  task: Task;
  run: Run;
  agent: ResolvedAgent;
  /** The worktree (or the project dir for in-place runs). */
  cwd: string;
  prompt: string;
  /** The clean environment the agent gets (no Switchboard secrets). */
  env: Record<string, string>;
  /** Agent session to resume, for follow-ups. */
  resumeSessionId?: string | null;
  /** When the run that last used that session ended (epoch ms), for agents that must not load it in the same minute. */
  resumeSessionLastUsed?: number | null;
  cols?: number;
  rows?: number;
  sink: RunSink;
}

export interface RunOutcome {
  exitCode: number | null;
  signal: string | null;
  /** null when the agent finished cleanly. */
  errorType: ErrorType | null;
  error: string | null;
  /** Notes for the user, e.g. "permission_denials: 2 edits were denied". */
  flags: string[];
}

export interface RunHandle {
  readonly pid: number;
  /** Settles once the agent has exited and its output is flushed. Never rejects. */
  readonly done: Promise<RunOutcome>;
  /** Typing into the agent's terminal (PTY runs). */
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Polite stop: ACP session/cancel, else SIGTERM to the process group; SIGKILL after `graceMs`. */
  stop(reason: 'cancel' | 'timeout' | 'shutdown', graceMs: number): Promise<void>;
}

export interface Runner {
  start(req: RunRequest): Promise<RunHandle>;
}
