#!/usr/bin/env node
// Writes shared/schema/switchboard.schema.json (the JSON Schema editors use for a project's
// switchboard.json) from the zod schema in shared/models/switchboard-file.ts, as built into out/.
// test/shared/switchboard-schema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { switchboardJsonSchema } = await import(pathToFileURL(join(root, 'out/shared/models/switchboard-file.js')).href);
writeFileSync(join(root, 'shared/schema/switchboard.schema.json'), `${JSON.stringify(switchboardJsonSchema(), null, 2)}\n`);
console.log('wrote shared/schema/switchboard.schema.json');
