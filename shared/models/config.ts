import { z } from 'zod';
import { ErrorType } from './task.js';
import { HostConfig, HostName } from './host.js';

/** One agent definition. Built-ins live in electron/core/runners/agent-registry.ts; config entries merge over them field by field. */
export const AgentDefinition = z.object({
  transport: z.enum(['pty', 'acp']),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  /** Arguments that print the version, for `switchboard agents`. */
  versionArgs: z.array(z.string()).optional(),
  /**
   * Arguments that print the help listing the flags of `args` and `resumeArgs` (["exec", "--help"]).
   * `switchboard agents` and `doctor` check them once per installed version and report the flags
   * the installed CLI no longer lists. Unset: not checked.
   */
  helpArgs: z.array(z.string()).optional(),
  /** How the user logs in, shown on auth errors. */
  loginHint: z.string().optional(),
  /** Output format the PTY runner parses into structured events. */
  outputFormat: z.enum(['text', 'claude-stream-json', 'codex-json']).optional(),
  /** Args that resume a session: ["--resume", "{sessionId}"]. */
  resumeArgs: z.array(z.string()).optional(),
  /**
   * ACP capability quirks: some agents mishandle fs or terminal. `fsRead: false` offers file writes
   * but not reads (default: as `fs`), for an agent that cannot tell a client's "not found" answer
   * from other errors and so never creates a new file. `loadInLaterMinute: true` holds a follow-up's
   * `session/load` until the wall-clock minute after the session was last recorded, for an agent that
   * names its session recordings by the minute and overwrites the one it loads in that same minute.
   */
  acp: z
    .object({ fs: z.boolean().default(true), fsRead: z.boolean().default(true), terminal: z.boolean().default(true), loadInLaterMinute: z.boolean().default(false) })
    .partial()
    .optional(),
  /** For an ACP agent: the PTY definition to fall back to when the handshake fails. */
  ptyFallback: z.string().optional(),
  /** Seconds between SIGTERM and SIGKILL. */
  killGraceSeconds: z.number().positive().optional(),
  disabled: z.boolean().optional(),
  /** The user's own variables this agent also gets (its credentials, proxies); `PREFIX_*` matches a prefix. */
  passEnv: z.array(z.string()).optional(),
  /** How to install the agent, shown when it is not found. */
  installHint: z.string().optional(),
  /**
   * A PTY agent that reads its prompt from stdin: prompts over a few KiB then reach it on stdin (read
   * from a private temp file), never in argv or /proc/<pid>/cmdline. `arg` takes the prompt's place
   * in argv when the agent needs one (codex reads `-` as "from stdin"). Unset: the prompt goes in argv,
   * so one over 128 KiB (Linux's limit for one argument) is refused at dispatch.
   */
  promptStdin: z.object({ arg: z.string().optional() }).optional(),
  /**
   * The agent's own TUI runs in the PTY and the person types to it (issue 11). The task stays
   * `running` until the agent exits or the person presses Done (`tasks.done`, `switchboard done ID`,
   * the task detail, the tray), which ends it gracefully and captures the diff like any run.
   */
  interactive: z.boolean().optional(),
  /** What Done types into an interactive agent to make it quit by itself ("/exit\r"); SIGTERM follows after killGraceSeconds. */
  quitInput: z.string().optional(),
});
export type AgentDefinition = z.infer<typeof AgentDefinition>;

/**
 * A config.json entry under `agents`: any subset of a definition, merged over the built-in of the
 * same name field by field. No defaults here (zod would fill `args: []` and wipe the built-in's).
 */
export const AgentOverride = AgentDefinition.extend({
  args: z.array(z.string()),
  env: z.record(z.string(), z.string()),
}).partial();
export type AgentOverride = z.infer<typeof AgentOverride>;

export const RetryRule = z.object({
  maxAttempts: z.number().int().min(0).max(20),
  backoffSeconds: z.number().min(0).default(10),
});

export const PermissionPolicy = z.enum(['ask', 'allow-reads', 'allow-all']);
export type PermissionPolicy = z.infer<typeof PermissionPolicy>;

/** `<home>/config.json`. Every key is optional; defaults are sane for a fresh install. */
export const Config = z
  .object({
    defaultAgent: z.string().default('claude'),
    maxConcurrent: z.number().int().min(1).max(64).default(2),
    maxConcurrentPerProject: z.number().int().min(1).max(64).optional(),
    dispatchDirs: z.array(z.string()).default([]),
    /** Where dispatches may point. Unset: anywhere under the user's home, with a warning. */
    trustedRoots: z.array(z.string()).optional(),
    dispatchSecret: z.string().min(1).optional(),
    /** Token for opening pull requests (issue 16), used after GITHUB_TOKEN and `gh auth token`. Write-only. */
    githubToken: z.string().min(1).optional(),
    agents: z.record(z.string(), AgentOverride).default({}),
    retry: z.partialRecord(ErrorType, RetryRule).optional(),
    onInterrupted: z.enum(['requeue', 'leave']).default('requeue'),
    permissionPolicy: PermissionPolicy.default('ask'),
    worktreeRoot: z.string().optional(),
    keepRejectedBranchDays: z.number().min(0).default(7),
    /** Per-run cap on stored terminal output; the oldest is dropped with a marker. */
    outputCapBytes: z.number().int().min(64 * 1024).default(32 * 1024 * 1024),
    shutdownGraceSeconds: z.number().min(0).default(10),
    localOnly: z.boolean().default(false),
    callbackMaxAttempts: z.number().int().min(1).max(50).default(8),
    /** Private addresses (CIDRs like "10.0.0.0/8", addresses, or host names) callbacks may reach. */
    callbackAllow: z.array(z.string().min(1)).default([]),
    /** Remote machines tasks may run on, by name (issue 14; README "Remote hosts"). */
    hosts: z.record(HostName, HostConfig).default({}),
    /** `switchboard mcp`: allowApprove lets an MCP client approve changes (off: approval stays the person's). */
    mcp: z.object({ allowApprove: z.boolean().default(false) }).strict().default({ allowApprove: false }),
    /** Which kinds of task change get a notification (OS notifications in the app, the browser's with `serve`). */
    notifications: z
      .object({ review: z.boolean().default(true), input: z.boolean().default(true), failed: z.boolean().default(true) })
      .strict()
      .default({ review: true, input: true, failed: true }),
  })
  .strict();
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
