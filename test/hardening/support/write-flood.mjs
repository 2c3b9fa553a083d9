// Writes a flood of dispatch files into an inbox from its own process (so the test that measures the
// host's responsiveness is not busy writing): `node write-flood.mjs INBOX COUNT PROJECT_DIR PREFIX`.
// Every fourth file is malformed (a schema error); the rest are valid. Each is written under a hidden
// temp name and renamed in, as a well-behaved writer does. Prints the names as JSON when done.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [inbox, countArg, projectDir, prefix] = process.argv.slice(2);
const count = Number(countArg);
const valid = [];
const invalid = [];
for (let i = 0; i < count; i++) {
  const bad = i % 4 === 3;
  const name = `${prefix}-${i}.json`;
  const doc = bad
    ? { id: `dispatch-${prefix}-${i}`, dispatched_by: 'flood', task: 42, project: 'app', project_dir: projectDir }
    : { id: `dispatch-${prefix}-${i}`, dispatched_by: 'flood', task: `flood task ${i}`, project: 'app', project_dir: projectDir };
  const tmp = join(inbox, `.${name}.tmp`);
  writeFileSync(tmp, JSON.stringify(doc));
  renameSync(tmp, join(inbox, name));
  (bad ? invalid : valid).push(name);
}
process.stdout.write(JSON.stringify({ valid, invalid }));
