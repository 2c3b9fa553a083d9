/**
 * The burst: dispatch files dropped at once, half written slowly in pieces under their final
 * name, some duplicated, 50 malformed. Shared by the in-process test and the kill -9 test.
 */
import { appendFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BurstPlan {
  /** Distinct valid dispatch ids: each must become exactly one task. */
  validIds: string[];
  /** Files that must end in accepted/ (valid ones and their duplicates). */
  acceptedCount: number;
  /** Files that must end in rejected/. */
  rejectedCount: number;
  total: number;
}

export interface BurstOptions {
  total: number;
  malformed: number;
  duplicates: number;
  projectDir: string;
  /** Longest pause between two pieces of a slowly written file. */
  pieceDelayMs: number;
  /**
   * Date the files cut short back by a minute once written, as if their writer died long ago, so a host
   * with the default 10 s staleness rejects them without the test waiting for it.
   */
  backdateAbandoned?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Writes the burst into `inbox`; resolves when every writer has finished. */
export async function writeBurst(inbox: string, o: BurstOptions, seed = 1): Promise<BurstPlan> {
  let rnd = seed;
  const random = () => ((rnd = (rnd * 16807) % 2147483647) - 1) / 2147483646;
  const distinct = o.total - o.malformed - o.duplicates;
  const doc = (i: number) => JSON.stringify({ id: `dispatch-burst-${i}`, dispatched_by: 'burst', task: `task number ${i}\n${'x'.repeat(200)}`, project: 'app', project_dir: o.projectDir, ttl_seconds: 600 + i });
  const files: { name: string; text: string; slow: boolean; abandoned?: boolean }[] = [];
  for (let i = 0; i < distinct; i++) files.push({ name: `d${i}.json`, text: doc(i), slow: i % 2 === 0 });
  for (let k = 0; k < o.duplicates; k++) files.push({ name: `dup${k}.json`, text: doc((k * 7) % distinct), slow: k % 2 === 1 });
  for (let m = 0; m < o.malformed; m++) {
    const kind = m % 3;
    const text =
      kind === 0
        ? doc(100_000 + m).slice(0, 40) // cut short and never finished
        : kind === 1
          ? JSON.stringify({ id: `dispatch-bad-${m}`, dispatched_by: 'burst', task: 42, project: 'app', project_dir: o.projectDir })
          : JSON.stringify({ id: `dispatch-bad-${m}`, dispatched_by: 'burst', task: 'x', project: 'app', project_dir: join(o.projectDir, 'missing') });
    files.push({ name: `bad${m}.json`, text, slow: m % 2 === 0, abandoned: kind === 0 });
  }
  // Shuffle so slow, fast, duplicate and bad files interleave.
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [files[i], files[j]] = [files[j], files[i]];
  }
  await Promise.all(
    files.map(async (f) => {
      const path = join(inbox, f.name);
      const backdate = () => {
        if (!f.abandoned || !o.backdateAbandoned) return;
        const past = new Date(Date.now() - 60_000);
        try {
          utimesSync(path, past, past);
        } catch {} // already rejected and moved
      };
      if (!f.slow) {
        const tmp = join(inbox, `.${f.name}.tmp`);
        writeFileSync(tmp, f.text);
        if (f.abandoned && o.backdateAbandoned) utimesSync(tmp, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
        renameSync(tmp, path);
        return;
      }
      const pieces = 2 + Math.floor(random() * 3);
      const size = Math.ceil(f.text.length / pieces);
      writeFileSync(path, '');
      for (let p = 0; p < pieces; p++) {
        await sleep(random() * o.pieceDelayMs);
        appendFileSync(path, f.text.slice(p * size, (p + 1) * size));
      }
      backdate();
    }),
  );
  return {
    validIds: Array.from({ length: distinct }, (_, i) => `dispatch-burst-${i}`),
    acceptedCount: distinct + o.duplicates,
    rejectedCount: o.malformed,
    total: files.length,
  };
}
