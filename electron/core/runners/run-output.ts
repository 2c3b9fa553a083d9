/**
 * The output path of one run: raw terminal data is batched (~16 ms), stored in chunks under the run's
 * cap, kept in a bounded ring for live viewers, and pushed as `run.output` with the chunk's seq.
 * Because a chunk is stored and pushed in the same tick with the same seq, a viewer that subscribes
 * first and replays second sees every chunk, and dedupes the overlap by seq (invariant 5).
 */
import type { Bus } from '../bus.js';
import type { OutputWriter } from '../store/output-repo.js';
import { createRingBuffer, type RingBuffer } from './ring-buffer.js';

export interface RunOutput {
  write(data: string): void;
  /** Stores and pushes whatever is pending now. */
  flush(): void;
  readonly ring: RingBuffer;
  /** Seq of the last stored chunk, -1 before the first. */
  readonly lastSeq: number;
  /** Characters written so far. */
  readonly chars: number;
  /** Flushes and stops the timer. */
  close(): void;
}

export interface RunOutputDeps {
  bus: Bus;
  writer: OutputWriter;
  taskId: string;
  runId: number;
  batchMs?: number;
  /** Flush at once when this much is pending, so a flood never piles up in memory. */
  maxPendingBytes?: number;
  /** Told once when the store starts refusing output (a full disk); the run goes on. */
  log?: (message: string) => void;
  ringBytes?: number;
  /** How a stored chunk is pushed (default: the `run.output` event). App runs push `appRun.output`. */
  push?: (seq: number, data: string) => void;
}

export function createRunOutput(deps: RunOutputDeps): RunOutput {
  const { bus, writer, taskId, runId } = deps;
  const batchMs = deps.batchMs ?? 16;
  const maxPending = deps.maxPendingBytes ?? 256 * 1024;
  const ring = createRingBuffer(deps.ringBytes ?? 64 * 1024);
  let pending: string[] = [];
  let pendingBytes = 0;
  let timer: NodeJS.Timeout | null = null;
  let lastSeq = writer.nextSeq - 1;
  let total = 0;
  let closed = false;
  /** Output the store refused (a full disk): said in a marker once storing works again. */
  let unstored = { bytes: 0, why: '' };

  /** Stores and pushes one chunk; the store's error when it refused it. */
  const emit = (data: string): Error | null => {
    let seq: number;
    try {
      seq = writer.append(data);
    } catch (err) {
      return err as Error;
    }
    lastSeq = seq;
    ring.push({ seq, data });
    if (deps.push) deps.push(seq, data);
    else bus.emit('run.output', { taskId, runId, seq, data });
    return null;
  };
  /** The run goes on without storing `data`; the first refusal of a stretch is told. */
  const refused = (data: string, err: Error): void => {
    if (!unstored.bytes) deps.log?.(`task ${taskId}, run ${runId}: its output could not be stored (${err.message}); what is missing is marked once the store accepts writes again`);
    unstored = { bytes: unstored.bytes + Buffer.byteLength(data), why: err.message };
  };

  const flush = (): void => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!pending.length) return;
    const data = pending.length === 1 ? pending[0] : pending.join('');
    pending = [];
    pendingBytes = 0;
    if (unstored.bytes) {
      const err = emit(`\r\n[switchboard: ${unstored.bytes} bytes of output are missing here: they could not be stored (${unstored.why})]\r\n`);
      if (err) return refused(data, err);
      unstored = { bytes: 0, why: '' };
    }
    const err = emit(data);
    if (err) refused(data, err);
  };

  return {
    write(data) {
      if (closed || !data) return;
      pending.push(data);
      pendingBytes += data.length;
      total += data.length;
      if (pendingBytes >= maxPending) flush();
      else if (!timer) timer = setTimeout(flush, batchMs);
    },
    flush,
    ring,
    get lastSeq() {
      return lastSeq;
    },
    get chars() {
      return total;
    },
    close() {
      flush();
      closed = true;
    },
  };
}
