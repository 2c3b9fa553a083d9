import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderAgents } from '../../../electron/cli/commands/agents.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAgentRegistry } from '../../../electron/core/runners/agent-registry.js';
import { buildArgs, followUpPrompt } from '../../../electron/core/runners/agent-args.js';
import { createConfigService } from '../../../electron/core/config/config-service.js';
import { systemClock } from '../../../electron/core/clock.js';
import { FAKE_CLAUDE } from '../../fixtures/fake-claude-kit.js';
import { tempDir } from '../../helpers/temp.js';

function setup(config: object, path = '/nonexistent-bin') {
  const dir = tempDir();
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const service = createConfigService(file);
  const registry = createAgentRegistry({ config: service, clock: systemClock, env: { PATH: path, HOME: dir } });
  return { dir, file, service, registry };
}

describe('agent registry', () => {
  it('has the built-ins with their real commands and flags', () => {
    const { registry } = setup({});
    const cmd = (n: string) => {
      const a = registry.resolve(n)!;
      return [a.transport, a.command, ...a.args].join(' ');
    };
    expect(cmd('claude')).toBe('pty claude --print --output-format stream-json --verbose --permission-mode acceptEdits');
    expect(cmd('codex')).toBe('pty codex exec --json --skip-git-repo-check --sandbox workspace-write');
    expect(registry.resolve('codex')!.helpArgs).toEqual(['exec', '--help']);
    expect(registry.resolve('gemini')!.acp).toMatchObject({ fs: true, fsRead: false });
    expect(cmd('gemini')).toBe('acp gemini --acp');
    expect(cmd('opencode')).toBe('acp opencode acp');
    expect(cmd('goose')).toBe('acp goose acp');
    expect(cmd('claude-acp')).toBe('acp claude-agent-acp');
    expect(cmd('codex-acp')).toBe('acp codex-acp');
    expect(cmd('cursor')).toBe('pty cursor-agent -p');
    expect(registry.resolve('claude-acp')!.ptyFallback).toBe('claude');
    expect(registry.resolve('claude')!.resumeArgs).toEqual(['--resume', '{sessionId}']);
  });

  it('merges a config entry over a built-in field by field, env key by key, and adds custom agents', () => {
    const { registry } = setup({
      agents: {
        claude: { command: '/opt/claude', env: { A: '1' } },
        mine: { command: 'my-agent', args: ['--task', '{prompt}', '--fast'] },
        broken: { args: ['x'] },
      },
    });
    const claude = registry.resolve('claude')!;
    expect(claude.command).toBe('/opt/claude');
    expect(claude.args).toContain('--permission-mode');
    expect(claude.outputFormat).toBe('claude-stream-json');
    expect(claude.env).toEqual({ A: '1' });
    const mine = registry.resolve('mine')!;
    expect(mine).toMatchObject({ transport: 'pty', command: 'my-agent' });
    expect(buildArgs(mine, 'do it')).toEqual(['--task', 'do it', '--fast']);
    expect(buildArgs(claude, 'do it', 'S1')).toEqual([...claude.args, '--resume', 'S1', 'do it']);
    expect(buildArgs(registry.resolve('gemini')!, 'do it')).toEqual(['--acp']);
    expect(registry.resolve('broken')).toBeNull();
    const check = registry.check('broken');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(/agents\.broken .*command/);
  });

  it('explains why an agent cannot run: unknown, disabled, not on PATH', () => {
    const { registry } = setup({ agents: { cursor: { disabled: true } } });
    const reason = (n: string) => {
      const c = registry.check(n);
      return c.ok ? null : c.reason;
    };
    expect(reason('nope')).toMatch(/no agent is named "nope" \(known: claude, codex/);
    expect(reason('cursor')).toMatch(/disabled/);
    expect(reason('claude')).toMatch(/not installed: `claude` was not found on PATH; install it \(npm install -g @anthropic-ai\/claude-code\)/);
  });

  it('detects installed agents and their version (cached), with a timeout for agents that do not answer', async () => {
    const { dir, registry } = setup({ agents: { claude: { command: FAKE_CLAUDE }, slow: { command: 'slowpoke' } } });
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'slowpoke'), '#!/bin/sh\nsleep 30\n');
    chmodSync(join(bin, 'slowpoke'), 0o755);
    const reg = createAgentRegistry({ config: createConfigService(join(dir, 'config.json')), clock: systemClock, env: { PATH: `${bin}:${process.env.PATH}` }, versionTimeoutMs: 4000 });
    const list = await reg.list();
    const claude = list.find((a) => a.name === 'claude')!;
    expect(claude).toMatchObject({ available: true, path: FAKE_CLAUDE, version: '2.0.37 (Claude Code)', reason: null, builtIn: true });
    const slow = list.find((a) => a.name === 'slow')!;
    expect(slow).toMatchObject({ available: true, builtIn: false, version: null });
    expect(slow.reason).toMatch(/did not answer within 4 s/);
    const codex = list.find((a) => a.name === 'codex')!;
    expect(codex.available).toBe(false);
    expect(list.map((a) => a.name)).toEqual(expect.arrayContaining(['claude', 'codex', 'gemini', 'opencode', 'goose', 'claude-acp', 'codex-acp', 'cursor', 'slow']));
    const t = Date.now();
    await reg.list();
    expect(Date.now() - t).toBeLessThan(400); // cached: the slow agent is not asked again
    registry.dispose();
    reg.dispose();
  });

  it('reports an installed agent whose definition passes a flag its --help no longer lists (once per version)', async () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const count = join(dir, 'help-count');
    // codex 0.169+ as far as the check goes: `exec --help` lists no --full-auto.
    writeFileSync(join(bin, 'newcodex'), `#!/bin/sh\nif [ "$1" = exec ]; then echo x >> ${count}; printf 'Usage: codex exec [OPTIONS]\\n      --json\\n      --skip-git-repo-check\\n  -s, --sandbox <MODE>\\n'; exit 0; fi\necho 'codex-cli 0.171.0'\n`);
    chmodSync(join(bin, 'newcodex'), 0o755);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ agents: { codex: { command: 'newcodex' }, oldcodex: { command: 'newcodex', args: ['exec', '--json', '--full-auto', '--skip-git-repo-check'], helpArgs: ['exec', '--help'] } } }));
    const reg = createAgentRegistry({ config: createConfigService(join(dir, 'config.json')), clock: systemClock, env: { PATH: `${bin}:${process.env.PATH}` } });
    const list = await reg.list();
    expect(list.find((a) => a.name === 'codex')).toMatchObject({ available: true, version: 'codex-cli 0.171.0', reason: null });
    const old = list.find((a) => a.name === 'oldcodex')!;
    expect(old).toMatchObject({ available: false, version: 'codex-cli 0.171.0' });
    expect(old.reason).toMatch(/does not accept --full-auto .*newcodex exec --help.*agents\.oldcodex\.args/);
    await reg.list();
    // One help probe per executable version and help command, shared by both definitions.
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(renderAgents(list)).toMatch(/oldcodex .*unusable/);
    reg.dispose();
  });

  it('picks up config edits without a restart', () => {
    const { file, service, registry } = setup({});
    expect(registry.resolve('claude')!.command).toBe('claude');
    writeFileSync(file, JSON.stringify({ agents: { claude: { command: '/new/claude' } } }));
    service.reload();
    expect(registry.resolve('claude')!.command).toBe('/new/claude');
  });

  it('builds a follow-up prompt from the review, with the original task when the session cannot be resumed', () => {
    const f = { message: 'Also add tests', comments: [{ path: 'a.ts', line: 3, body: 'rename this' }, 'tidy up'] };
    expect(followUpPrompt('Write a.ts', f, true)).toBe('Also add tests\n\nReview comments:\n- a.ts:3: rename this\n- tidy up');
    expect(followUpPrompt('Write a.ts', f, false)).toMatch(/^You worked on this task earlier:\n\nWrite a.ts\n/);
  });
});
