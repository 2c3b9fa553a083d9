import type { RunEvent } from '../../../shared/models/run.js';

export interface ToolDiff {
  path: string;
  oldText: string | null;
  newText: string;
}

export type TranscriptItem =
  | { type: 'message'; key: string; role: 'agent' | 'user'; text: string }
  | { type: 'thought'; key: string; text: string }
  | { type: 'tool'; key: string; id: string; title: string; kind: string | null; status: string | null; input: unknown; output: string | null; isError: boolean; diffs: ToolDiff[]; locations: string[] }
  | { type: 'result'; key: string; text: string | null; isError: boolean; detail: string }
  | { type: 'note'; key: string; text: string };

export interface PlanEntry {
  content: string;
  status: string;
  priority: string | null;
}

export interface Transcript {
  items: TranscriptItem[];
  /** The agent's latest plan, if it sent one. */
  plan: PlanEntry[] | null;
  /** How full the agent's context is (ACP usage_update), as it grows. */
  context: { used: number; size: number } | null;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Text of an ACP content block (or of a list of them). */
function contentText(content: unknown): string {
  if (Array.isArray(content)) return content.map(contentText).join('');
  const c = rec(content);
  if (c.type === 'text') return str(c.text) ?? '';
  if (c.type === 'content') return contentText(c.content);
  if (c.type === 'resource_link') return str(c.uri) ?? '';
  return '';
}

/**
 * Folds a run's structured events, in seq order, into what the transcript shows: streamed chunks
 * merge into one message or thought, tool-call updates merge into their call, and the latest plan
 * is kept apart as a checklist. Handles Claude stream-json kinds and ACP session updates (acp.*);
 * any other kind is shown raw as a note.
 */
export function buildTranscript(events: readonly RunEvent[]): Transcript {
  const items: TranscriptItem[] = [];
  const tools = new Map<string, Extract<TranscriptItem, { type: 'tool' }>>();
  let plan: PlanEntry[] | null = null;
  let context: Transcript['context'] = null;

  /** The message or thought still streaming: chunks join it until any other event comes between. */
  let streaming: Extract<TranscriptItem, { type: 'message' | 'thought' }> | null = null;
  const appendText = (type: 'message' | 'thought', text: string, seq: number, role: 'agent' | 'user' = 'agent', chunk = true) => {
    if (chunk && streaming && streaming.type === type && (type === 'thought' || (streaming as { role?: string }).role === role)) {
      streaming.text += text;
      return;
    }
    streaming = type === 'message' ? { type, key: `m${seq}`, role, text } : { type, key: `t${seq}`, text };
    items.push(streaming);
  };
  const TEXT_KINDS = ['text', 'thinking', 'acp.agent_message_chunk', 'acp.user_message_chunk', 'acp.agent_thought_chunk'];

  const tool = (id: string, seq: number): Extract<TranscriptItem, { type: 'tool' }> => {
    let t = tools.get(id);
    if (!t) {
      t = { type: 'tool', key: `c${seq}`, id, title: id, kind: null, status: null, input: undefined, output: null, isError: false, diffs: [], locations: [] };
      tools.set(id, t);
      items.push(t);
    }
    return t;
  };

  const mergeAcpTool = (d: Rec, seq: number) => {
    const t = tool(str(d.toolCallId) ?? `tool-${seq}`, seq);
    t.title = str(d.title) ?? t.title;
    t.kind = str(d.kind) ?? t.kind;
    t.status = str(d.status) ?? t.status;
    if (d.rawInput !== undefined) t.input = d.rawInput;
    if (t.status === 'failed') t.isError = true;
    if (Array.isArray(d.locations)) t.locations = d.locations.map((l) => str(rec(l).path)).filter((p): p is string => !!p);
    if (Array.isArray(d.content)) {
      const diffs = d.content.map(rec).filter((c) => c.type === 'diff');
      if (diffs.length) t.diffs = diffs.map((c) => ({ path: str(c.path) ?? '', oldText: str(c.oldText), newText: str(c.newText) ?? '' }));
      const text = contentText(d.content.filter((c) => rec(c).type !== 'diff'));
      if (text) t.output = text;
    }
  };

  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const d = rec(e.data);
    if (!TEXT_KINDS.includes(e.kind)) streaming = null;
    switch (e.kind) {
      // Claude's stream-json sends whole blocks, one event each: never run two of them together.
      case 'text':
        appendText('message', str(d.text) ?? '', e.seq, 'agent', false);
        break;
      case 'thinking':
        appendText('thought', str(d.text) ?? '', e.seq, 'agent', false);
        break;
      case 'tool_use': {
        const t = tool(str(d.id) ?? `tool-${e.seq}`, e.seq);
        t.title = toolTitle(str(d.name) ?? t.title, d.input);
        t.input = d.input;
        t.diffs = editDiffs(str(d.name), d.input);
        break;
      }
      case 'tool_result': {
        const t = tool(str(d.toolUseId) ?? `tool-${e.seq}`, e.seq);
        t.output = str(d.content);
        t.isError = d.isError === true;
        t.status = t.isError ? 'failed' : 'completed';
        break;
      }
      case 'result': {
        const parts = [str(d.subtype), typeof d.numTurns === 'number' ? `${d.numTurns} turns` : null, typeof d.costUsd === 'number' ? `$${d.costUsd.toFixed(4)}` : null];
        items.push({ type: 'result', key: `r${e.seq}`, text: str(d.text), isError: d.isError === true, detail: parts.filter(Boolean).join(' · ') });
        break;
      }
      case 'session':
        items.push({ type: 'note', key: `s${e.seq}`, text: `Session started${str(d.model) ? ` with ${d.model}` : ''}` });
        break;
      case 'acp.agent_message_chunk':
        appendText('message', contentText(d.content), e.seq);
        break;
      case 'acp.user_message_chunk':
        appendText('message', contentText(d.content), e.seq, 'user');
        break;
      case 'acp.agent_thought_chunk':
        appendText('thought', contentText(d.content), e.seq);
        break;
      case 'acp.tool_call':
      case 'acp.tool_call_update':
        mergeAcpTool(d, e.seq);
        break;
      case 'acp.plan':
        plan = Array.isArray(d.entries)
          ? d.entries.map(rec).map((p) => ({ content: str(p.content) ?? '', status: str(p.status) ?? 'pending', priority: str(p.priority) }))
          : plan;
        break;
      case 'acp.current_mode_update':
        items.push({ type: 'note', key: `n${e.seq}`, text: `Mode: ${str(d.currentModeId) ?? 'changed'}` });
        break;
      case 'acp.usage_update':
        if (typeof d.used === 'number' && typeof d.size === 'number') context = { used: d.used, size: d.size };
        break;
      case 'acp.available_commands_update':
        break;
      case 'acp.initialize':
      case 'acp.session':
      case 'acp.session_wait':
      case 'acp.permission':
      case 'acp.stop':
      case 'acp.error':
      case 'acp.fs_refused':
      case 'acp.fs_write':
      case 'acp.terminal':
        items.push({ type: 'note', key: `n${e.seq}`, text: describeAcpEvent(e.kind, d) });
        break;
      default:
        items.push({ type: 'note', key: `n${e.seq}`, text: `${e.kind}: ${JSON.stringify(e.data).slice(0, 500)}` });
    }
  }
  return { items, plan, context };
}

/**
 * The file edits in a Claude tool call, as old and new text: Edit (old_string → new_string), MultiEdit
 * (each edit), Write (new content). The view shows each as a small diff, not whole before/after blocks.
 */
export function editDiffs(name: string | null, input: unknown): ToolDiff[] {
  const i = rec(input);
  const path = str(i.file_path) ?? str(i.notebook_path) ?? '';
  const old = str(i.old_string);
  const neu = str(i.new_string);
  if (name === 'Edit' && old != null && neu != null) return [{ path, oldText: old, newText: neu }];
  if (name === 'MultiEdit' && Array.isArray(i.edits)) {
    return i.edits.map(rec).flatMap((e) => (str(e.old_string) != null && str(e.new_string) != null ? [{ path, oldText: str(e.old_string), newText: str(e.new_string)! }] : []));
  }
  if (name === 'Write' && str(i.content) != null) return [{ path, oldText: null, newText: str(i.content)! }];
  return [];
}

/** The last `n` segments of a path: enough to recognise the file. */
const shortPath = (p: string, n = 3): string => {
  const parts = p.split('/').filter(Boolean);
  return parts.length > n ? `…/${parts.slice(-n).join('/')}` : p;
};

/** "Write …/src/hello.ts", "Bash npm test": the tool and what it works on. */
function toolTitle(name: string, input: unknown): string {
  const i = rec(input);
  const target = str(i.file_path) ?? str(i.path) ?? str(i.notebook_path);
  if (target) return `${name} ${shortPath(target)}`;
  const what = str(i.command) ?? str(i.pattern) ?? str(i.url) ?? str(i.description);
  return what ? `${name} ${what.length > 80 ? `${what.slice(0, 79)}…` : what}` : name;
}

/** One line for the ACP runner's own events (handshake, session, permission decisions, stop). */
function describeAcpEvent(kind: string, d: Rec): string {
  switch (kind) {
    case 'acp.initialize': {
      const info = rec(d.agentInfo);
      return `Connected to ${str(info.name) ?? 'the agent'}${str(info.version) ? ` ${info.version}` : ''} (ACP v${d.protocolVersion ?? '?'})`;
    }
    case 'acp.session':
      return `Session ${str(d.sessionId) ?? ''} ${d.how === 'resume' ? 'resumed' : d.how === 'load' ? 'loaded' : 'started'}${str(rec(d.modes).currentModeId) ? `, mode ${rec(d.modes).currentModeId}` : ''}`;
    case 'acp.session_wait':
      return `Waiting ${typeof d.seconds === 'number' ? `${d.seconds} s` : ''} to load the session: ${str(d.reason) ?? ''}`;
    case 'acp.permission': {
      const how = d.outcome === 'cancelled' ? 'cancelled' : `${String(d.kind ?? d.optionId ?? 'answered').replace('_', ' ')}`;
      return `Permission “${str(d.title) ?? 'tool call'}”: ${how}${str(d.decidedBy) ? ` by ${d.decidedBy}` : ''}`;
    }
    case 'acp.stop':
      return `Turn ended: ${str(d.stopReason) ?? 'done'}`;
    case 'acp.error':
      return `Error${str(d.errorType) ? ` (${d.errorType})` : ''}: ${str(d.message) ?? ''}`;
    case 'acp.fs_refused':
      return `Refused file access: ${JSON.stringify(d).slice(0, 300)}`;
    case 'acp.fs_write':
      return `Wrote ${str(d.path) ? shortPath(str(d.path)!) : 'a file'}`;
    default:
      return `Terminal: ${JSON.stringify(d).slice(0, 300)}`;
  }
}
