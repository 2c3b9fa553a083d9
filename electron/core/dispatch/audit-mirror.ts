import { appendFileSync, closeSync, fstatSync, openSync, readSync, statSync, truncateSync } from 'node:fs';
import { iso } from '../clock.js';
import type { Db } from '../store/index.js';

/** One line of `<dispatch>/audit.jsonl`. */
export interface AuditLine {
  seq: number;
  ts: string;
  kind: string;
  task_id: string | null;
  actor: string;
  data: unknown;
}

export interface AuditMirror {
  /** Appends every audit row not yet in the file; returns how many lines it wrote. */
  sync(): number;
  readonly lastSeq: number;
}

const TAIL_BYTES = 1024 * 1024;

/**
 * Where the file left off: the seq of its last complete line. A line cut short by a crash is closed
 * with a newline (the file is only ever appended to, never rewritten) and its row is written again.
 */
function resume(file: string): number {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let text: string;
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    text = buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
  if (text.length && !text.endsWith('\n')) appendFileSync(file, '\n');
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const seq = (JSON.parse(lines[i]) as Partial<AuditLine>).seq;
      if (typeof seq === 'number') return seq;
    } catch {}
  }
  return 0;
}

/** Appends `text`, or nothing: a write cut short (a full disk) is taken back, so no half line stays behind. */
function appendWhole(file: string, text: string): void {
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  try {
    appendFileSync(file, text);
  } catch (err) {
    try {
      truncateSync(file, size);
    } catch {}
    throw err;
  }
}

/**
 * Mirrors the store's audit table into an append-only JSONL file, one line per event, in seq order.
 * The store is the source of truth; the file catches up after any crash, so no event is missing.
 */
export function createAuditMirror(db: Db, file: string, batch = 5000): AuditMirror {
  const after = db.prepare<[number, number], { seq: number; ts: number; kind: string; task_id: string | null; actor: string; data: string }>(
    'SELECT seq, ts, kind, task_id, actor, data FROM audit WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const maxSeq = db.prepare<[], { n: number | null }>('SELECT MAX(seq) AS n FROM audit');
  let last = resume(file);
  if (last > (maxSeq.get()?.n ?? 0)) {
    // The file is from an older store (the database was replaced): note it and start over.
    appendFileSync(file, `${JSON.stringify({ seq: 0, ts: iso(Date.now()), kind: 'audit.store_replaced', task_id: null, actor: 'switchboard', data: { previousLastSeq: last } })}\n`);
    last = 0;
  }
  return {
    sync() {
      let written = 0;
      for (;;) {
        const rows = after.all(last, batch);
        if (!rows.length) return written;
        let text = '';
        for (const r of rows) {
          let data: unknown;
          try {
            data = JSON.parse(r.data);
          } catch {
            data = r.data;
          }
          text += `${JSON.stringify({ seq: r.seq, ts: iso(r.ts), kind: r.kind, task_id: r.task_id, actor: r.actor, data } satisfies AuditLine)}\n`;
        }
        appendWhole(file, text);
        last = rows[rows.length - 1].seq;
        written += rows.length;
      }
    },
    get lastSeq() {
      return last;
    },
  };
}
