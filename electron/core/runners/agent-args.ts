/**
 * The argv of one agent run: the definition's args with `{prompt}` replaced, the resume args of a
 * follow-up, and the prompt as the last argument when the definition has no `{prompt}` (PTY agents).
 */
import type { ResolvedAgent } from './runner.js';

export const PROMPT_TOKEN = '{prompt}';
export const SESSION_TOKEN = '{sessionId}';

export function buildArgs(agent: Pick<ResolvedAgent, 'args' | 'transport' | 'resumeArgs'>, prompt: string, resumeSessionId?: string | null): string[] {
  const resume = resumeSessionId && agent.resumeArgs?.length ? agent.resumeArgs.map((a) => a.split(SESSION_TOKEN).join(resumeSessionId)) : [];
  const hasPrompt = agent.args.includes(PROMPT_TOKEN);
  const args = agent.args.map((a) => (a === PROMPT_TOKEN ? prompt : a));
  const out = [...args, ...resume];
  if (!hasPrompt && agent.transport === 'pty') out.push(prompt);
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
