import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/index.js';
import { UsageSummary } from '../../shared/models/usage.js';
import { setupScheduler } from '../core/scheduler/setup.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => out.push(t), isTTY: false }, { PATH: process.env.PATH });
  return { code, out: out.join('\n') };
}

describe('switchboard usage', () => {
  it('shows the tokens, cost and model a Claude run reported, per agent and per project, and in show --json', async () => {
    const s = setupScheduler();
    const t = await s.submit('say hello\nwrite a.txt hi');
    await s.waitState(t.id, 'awaiting_review');

    const json = await cli(['usage', '--json', '--home', s.home]);
    expect(json.code).toBe(0);
    const summary = UsageSummary.parse(JSON.parse(json.out));
    // fake-claude: 120 in / 40 out per assistant message, 0.0031 USD per turn; this run had 2 turns.
    expect(summary.total).toEqual({ runs: 1, inputTokens: 240, outputTokens: 80, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.0062 });
    expect(summary.byAgent).toEqual([{ agent: 'claude', ...summary.total }]);
    expect(summary.byProject).toEqual([{ projectId: expect.any(Number), projectDir: s.task(t.id).projectDir, ...summary.total }]);

    const shown = JSON.parse((await cli(['show', t.id, '--json', '--home', s.home])).out) as { usage: unknown[] };
    expect(shown.usage).toEqual([expect.objectContaining({ agent: 'claude', model: 'claude-sonnet-4-5-20250929', inputTokens: 240, outputTokens: 80, cost: 0.0062, costCurrency: 'USD' })]);
    // Every Task carries its totals (the board's cards show them): list and show alike.
    const listed = JSON.parse((await cli(['tasks', '--json', '--home', s.home])).out) as { id: string; usage: unknown }[];
    expect(listed.find((x) => x.id === t.id)?.usage).toEqual(summary.total);
    expect((shown as unknown as { task: { usage: unknown } }).task.usage).toEqual(summary.total);
    const text = await cli(['usage', '--home', s.home]);
    expect(text.out).toMatch(/^AGENT\s+RUNS\s+INPUT\s+OUTPUT\s+CACHE READ\s+CACHE WRITE\s+COST\nclaude\s+1\s+240\s+80\s+0\s+0\s+\$0\.0062/);
    expect((await cli(['show', t.id, '--home', s.home])).out).toContain('Run #1 usage: 240 in, 80 out, 0 cache read, 0.0062 USD (claude-sonnet-4-5-20250929)');
  });
});
