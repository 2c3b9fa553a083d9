/** A project whose task's agent edited three files (two hunks in long.txt) and added one, ready for review. */
import { join } from 'node:path';
import { makeRepo, write, type Harness } from '../git/git-fixture.js';

export const lines = (n: number, label = 'line'): string => Array.from({ length: n }, (_, i) => `${label} ${i + 1}`).join('\n') + '\n';

export async function reviewed(h: Harness) {
  const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n', 'long.txt': lines(40), 'keep.txt': 'keep\n' });
  const { task, cwd } = await h.start(project);
  const long = lines(40).replace('line 3\n', 'line 3 changed\n').replace('line 35\n', 'line 35 changed\n');
  write(cwd, { 'a.txt': 'a by agent\n', 'b.txt': 'b by agent\n', 'c.txt': 'c by agent\n', 'long.txt': long, 'new.txt': 'new\n' });
  await h.finish(task);
  return { project, task, cwd, long };
}
