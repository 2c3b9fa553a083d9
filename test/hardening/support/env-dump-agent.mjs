#!/usr/bin/env node
// Stands in front of a test agent: writes the environment it was given to $ENV_DUMP_FILE (as JSON),
// then runs the agent named by its first argument with the rest, on the same stdio, and ends as it ends.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [target, ...args] = process.argv.slice(2);
if (process.env.ENV_DUMP_FILE) writeFileSync(process.env.ENV_DUMP_FILE, JSON.stringify(process.env));
const child = spawn(process.execPath, [target, ...args], { stdio: 'inherit' });
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => child.kill(s));
child.on('exit', (code, signal) => (signal ? process.kill(process.pid, signal) : process.exit(code ?? 1)));
