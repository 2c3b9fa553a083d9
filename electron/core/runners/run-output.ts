/**
 * The output path of one run: raw terminal data is batched (~16 ms), stored in chunks under the run's
 * cap, kept in a bounded ring for live viewers, and pushed as `run.output` with the chunk's seq.
 * The batches of all runs are stored in one transaction per tick (output-tick.ts); a chunk is pushed
 * only after that transaction has committed, in the same turn of the event loop, with its seq. So a
 * viewer that subscribes first and replays second sees every chunk, and dedupes the overlap by seq
 * (invariant 5), and nothing pushed is missing from the store after a crash.
 */
import type { Bus } from '../bus.js';
import type { OutputWriter } from '../store/output-repo.js';
import { createOutputTick, type OutputTick, type TickParticipant } from './output-tick.js';
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
  /** The tick this run's output joins (the scheduler's: one transaction for every run's chunks). Default: its own. */
  tick?: OutputTick;
  /** With no tick given: how long output is batched. */
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
  const tick = deps.tick ?? createOutputTick({ batchMs: deps.batchMs });
  const maxPending = deps.maxPendingBytes ?? 256 * 1024;
  const ring = createRingBuffer(deps.ringBytes ?? 64 * 1024);
  let pending: string[] = [];
  let pendingBytes = 0;
  let lastSeq = writer.nextSeq - 1;
  let total = 0;
  let closed = false;
  /** Output the store refused (a full disk): said in a marker once storing works again. */
  let unstored = { bytes: 0, why: '' };
  /** What take() stored in the open tick: announced after its commit. */
  let stored: { seq: number; data: string }[] = [];
  /** The run's data of the open tick, and `unstored` before it: handed back if the tick rolls back. */
  let taken: { data: string; unstoredBefore: { bytes: number; why: string } } | null = null;

  /** Stores one chunk; the store's error when it refused it. */
  const storeChunk = (data: string): Error | null => {
    try {
      stored.push({ seq: writer.append(data), data });
    } catch (err) {
      return err as Error;
    }
    return null;
  };
  /** The run goes on without storing `data`; the first refusal of a stretch is told. */
  const refused = (data: string, err: Error): void => {
    if (!unstored.bytes) deps.log?.(`task ${taskId}, run ${runId}: its output could not be stored (${err.message}); what is missing is marked once the store accepts writes again`);
    unstored = { bytes: unstored.bytes + Buffer.byteLength(data), why: err.message };
  };

  const participant: TickParticipant = {
    take() {
      if (!pending.length) return 0;
      const data = pending.length === 1 ? pending[0] : pending.join('');
      pending = [];
      pendingBytes = 0;
      taken = { data, unstoredBefore: unstored };
      if (unstored.bytes) {
        const err = storeChunk(`\r\n[switchboard: ${unstored.bytes} bytes of output are missing here: they could not be stored (${unstored.why})]\r\n`);
        if (err) return (refused(data, err), data.length);
        unstored = { bytes: 0, why: '' };
      }
      const err = storeChunk(data);
      if (err) refused(data, err);
      return data.length;
    },
    announce() {
      const out = stored;
      stored = [];
      taken = null;
      for (const c of out) {
        lastSeq = c.seq;
        ring.push(c);
        if (deps.push) deps.push(c.seq, c.data);
        else bus.emit('run.output', { taskId, runId, seq: c.seq, data: c.data });
      }
    },
    rolledBack(err) {
      stored = [];
      if (!taken) return;
      unstored = taken.unstoredBefore;
      refused(taken.data, err);
      taken = null;
    },
  };
  const flush = (): void => tick.now(participant);

  return {
    write(data) {
      if (closed || !data) return;
      pending.push(data);
      pendingBytes += data.length;
      total += data.length;
      if (pendingBytes >= maxPending) flush();
      else tick.schedule(participant);
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
