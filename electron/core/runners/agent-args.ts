/**
 * The argv of one agent run: the definition's args with `{prompt}` replaced, the resume args of a
 * follow-up, and the prompt as the last argument when the definition has no `{prompt}` (PTY agents).
 * A long prompt for an agent that reads stdin stays out of argv (pty-runner feeds it on stdin).
 */
import type { ResolvedAgent } from './runner.js';

export const PROMPT_TOKEN = '{prompt}';
export const SESSION_TOKEN = '{sessionId}';

/** Prompts longer than this go through stdin when the agent reads it (promptStdin). */
export const LONG_PROMPT_BYTES = 4 * 1024;
/** Linux refuses one argv string longer than MAX_ARG_STRLEN (32 pages, with its NUL): E2BIG. */
export const ARGV_PROMPT_MAX_BYTES = 128 * 1024 - 1;

type ArgsAgent = Pick<ResolvedAgent, 'args' | 'transport' | 'resumeArgs' | 'promptStdin'>;

/** Whether this prompt reaches the agent on stdin rather than in argv. */
export const promptViaStdin = (agent: ArgsAgent, prompt: string): boolean =>
  agent.transport === 'pty' && !!agent.promptStdin && Buffer.byteLength(prompt) > LONG_PROMPT_BYTES;

/**
 * Why `agent` cannot take this prompt, or null when it can: a PTY agent without promptStdin gets it
 * as one argument, which the kernel caps. Checked at dispatch, so a too-long prompt is refused there.
 */
export function promptProblem(agent: ArgsAgent & { name: string }, prompt: string): string | null {
  if (agent.transport !== 'pty' || agent.promptStdin) return null;
  const bytes = Buffer.byteLength(prompt);
  if (bytes <= ARGV_PROMPT_MAX_BYTES) return null;
  return `the prompt is ${Math.ceil(bytes / 1024)} KiB, and agent ${agent.name} takes its prompt on the command line, which holds at most 128 KiB: shorten the prompt, or pick an agent that reads it from stdin (set agents.${agent.name}.promptStdin in config.json if it does)`;
}

export function buildArgs(agent: ArgsAgent, prompt: string, resumeSessionId?: string | null): string[] {
  const resume = resumeSessionId && agent.resumeArgs?.length ? agent.resumeArgs.map((a) => a.split(SESSION_TOKEN).join(resumeSessionId)) : [];
  const stdin = promptViaStdin(agent, prompt);
  const inArgv = stdin ? agent.promptStdin?.arg : prompt;
  const hasPrompt = agent.args.includes(PROMPT_TOKEN);
  const args = agent.args.flatMap((a) => (a === PROMPT_TOKEN ? (inArgv == null ? [] : [inArgv]) : [a]));
  const out = [...args, ...resume];
  if (!hasPrompt && agent.transport === 'pty' && inArgv != null) out.push(inArgv);
  return out;
}

export interface FollowUp {
  message: string;
  comments: unknown[];
}

/** `meta.followUp` of a task re-queued from review, if it has a usable one. */
export function readFollowUp(meta: Record<string, unknown>): FollowUp | null {
  const f = meta.followUp as { message?: unknown; comments?: unknown } | undefined;
  if (!f || typeof f !== 'object') return null;
  const message = typeof f.message === 'string' ? f.message : '';
  const comments = Array.isArray(f.comments) ? f.comments : [];
  return message || comments.length ? { message, comments } : null;
}

const formatComment = (c: unknown): string => {
  if (typeof c === 'string') return `- ${c}`;
  if (!c || typeof c !== 'object') return `- ${String(c)}`;
  const o = c as Record<string, unknown>;
  const where = typeof o.path === 'string' ? `${o.path}${o.line != null ? `:${String(o.line)}` : ''}: ` : '';
  const body = typeof o.body === 'string' ? o.body : typeof o.text === 'string' ? o.text : JSON.stringify(o);
  return `- ${where}${body}`;
};

/**
 * The prompt of a follow-up run. With a resumed session the agent remembers the task, so it gets
 * only the reviewer's words; without one it gets the original task too.
 */
export function followUpPrompt(original: string, f: FollowUp, resumed: boolean): string {
  const parts: string[] = [];
  if (!resumed) parts.push(`You worked on this task earlier:\n\n${original}\n\nYour changes are in the working tree. A reviewer asked for more.`);
  if (f.message) parts.push(f.message);
  if (f.comments.length) parts.push(`Review comments:\n${f.comments.map(formatComment).join('\n')}`);
  return parts.join('\n\n');
}
