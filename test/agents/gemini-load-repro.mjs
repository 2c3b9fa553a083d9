#!/usr/bin/env node
/**
 * Reproduces gemini-cli 0.61's failing ACP `session/load` (worked around by the built-in's `acp.loadInLaterMinute`), outside
 * Switchboard: a bare ACP client, the pinned gemini from the test:agents cache, the fake model server.
 *
 *   npx node test/agents/gemini-load-repro.mjs
 *
 * Twice: session/new + one prompt, the agent ends, a new `gemini --acp` loads the session, once in the
 * same wall-clock minute as the session began and once in a later minute. The first answers
 * "Internal error" with data.details "No previous sessions found for this project."; the second loads.
 *
 * The cause, read in gemini 0.61's bundle: GeminiAgent.loadSession() first builds the session's config
 * (initializeSessionConfig → config.initialize()), which starts a ChatRecordingService for the session
 * id being loaded, and only then reads the session (SessionSelector.resolveSession). The recording's
 * file is `chats/session-<YYYY-MM-DDTHH-MM>-<first 8 of the id>.jsonl`, named to the minute: in the
 * minute the session began, that is the session's own file, and the new recording appends a header and
 * `{"$set":{"messages":[<session_context>]}}`, which replaces the conversation. The session then has no
 * resumable message, getSessionFiles() skips it, and findSession() throws SessionError
 * "No previous sessions found for this project."; the ACP layer answers -32603 "Internal error".
 */
import { client, ndJsonStream, PROTOCOL_VERSION } from '@agentclientprotocol/sdk';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { startFakeModelServer } from '../fixtures/fake-model-server.mjs';
import { binPath } from './install.mjs';

const server = await startFakeModelServer();
const root = mkdtempSync(join(tmpdir(), 'sb-gemini-load-'));
const home = join(root, 'home');
mkdirSync(join(home, '.gemini'), { recursive: true });
writeFileSync(join(home, '.gemini/settings.json'), JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } }, telemetry: { enabled: false } }));
const env = { PATH: process.env.PATH, HOME: home, GEMINI_API_KEY: 'fake-key', GOOGLE_GEMINI_BASE_URL: server.url, GEMINI_CLI_NO_RELAUNCH: 'true' };
const minute = () => new Date().toISOString().slice(0, 16);

async function startAgent(cwd) {
  const child = spawn(binPath('gemini-cli'), ['--acp'], { cwd, env, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
  const conn = client({ name: 'repro' }).connect(ndJsonStream(Writable.toWeb(child.stdin), Readable.toWeb(child.stdout)));
  await conn.agent.request('initialize', { protocolVersion: PROTOCOL_VERSION, clientCapabilities: { fs: { readTextFile: false, writeTextFile: false }, terminal: false } });
  const stop = () => new Promise((r) => (child.once('exit', r), process.kill(-child.pid, 'SIGTERM')));
  return { conn, stop };
}

async function attempt(name, { laterMinute }) {
  const cwd = join(root, name);
  mkdirSync(cwd);
  execFileSync('git', ['init', '-q'], { cwd });
  const first = await startAgent(cwd);
  const { sessionId } = await first.conn.agent.request('session/new', { cwd, mcpServers: [] });
  const began = minute();
  await first.conn.agent.request('session/prompt', { sessionId, prompt: [{ type: 'text', text: 'Say hi.' }] });
  await first.stop();
  if (laterMinute) while (minute() === began) await new Promise((r) => setTimeout(r, 1000));
  const second = await startAgent(cwd);
  const loadedAt = minute();
  try {
    await second.conn.agent.request('session/load', { sessionId, cwd, mcpServers: [] });
    return `${name}: session began ${began}, loaded ${loadedAt}: load ok`;
  } catch (e) {
    return `${name}: session began ${began}, loaded ${loadedAt}: load FAILED ${e.code} ${e.message} ${JSON.stringify(e.data)}`;
  } finally {
    await second.stop();
  }
}

// Start right after a minute turns, so that the quick attempt stays within one minute.
while (new Date().getSeconds() > 5) await new Promise((r) => setTimeout(r, 500));
console.log(await attempt('same-minute', { laterMinute: false }));
console.log(await attempt('later-minute', { laterMinute: true }));
await server.close();
rmSync(root, { recursive: true, force: true });
