import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/models/task.js';
import { closeAll, launchChromium, openApp } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const TAIL = 40;

// Issue 12, "Live views have no gaps": the event WebSocket drops mid-run, the run writes its tail and
// ends while the page is offline, then the page reconnects. The terminal must show everything once.
describe('a dropped event socket mid-run', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;
  /** The page's event sockets, routed through the test so it can cut them. */
  const sockets: WebSocketRoute[] = [];
  let down = false;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-drop-')));
    project = gitProject(join(root, 'shop'));
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } } }), launchChromium()]);
    // A resize the page sends while offline reaches a run that has ended meanwhile (409), as in terminal-search.
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/], (p) =>
      p.routeWebSocket(/\/api\/events/, (ws) => {
        // While the link is down every attempt is refused at once, as a host that cannot be reached.
        if (down) return void ws.close({ code: 4000, reason: 'the test cut the link' });
        ws.connectToServer();
        sockets.push(ws);
      }),
    ));
  });

  afterAll(() => closeAll(browser, served, root));

  /** The terminal's whole buffer (scrollback included), wrapped rows joined back into their lines. */
  const screenText = () =>
    page.locator('.terminal-host').evaluate((el) => {
      type Line = { isWrapped: boolean; translateToString(trim: boolean): string };
      const buf = (el as unknown as { xterm: { buffer: { active: { length: number; getLine(i: number): Line | undefined } } } }).xterm.buffer.active;
      let text = '';
      for (let i = 0; i < buf.length; i++) {
        const line = buf.getLine(i);
        if (!line) continue;
        text += (i > 0 && !line.isWrapped ? '\n' : '') + line.translateToString(!buf.getLine(i + 1)?.isWrapped);
      }
      return text;
    });
  const count = (text: string, what: string) => text.split(what).length - 1;

  it('re-syncs the terminal after the reconnect: the tail written while offline shows, nothing twice', async () => {
    const tail = Array.from({ length: TAIL }, (_, i) => `say tail line ${i + 1} of ${TAIL}`);
    const task = await served.call<Task>('tasks.create', { projectDir: project, prompt: ['say before the drop', 'read-line', ...tail].join('\n'), agent: 'claude' });
    await page.locator(`[data-task-id="${task.id}"]`).click();
    const pane = page.getByRole('complementary', { name: `Task ${task.id}` });
    await pane.getByRole('tab', { name: 'Terminal' }).click();
    await expect.poll(screenText, { timeout: 30_000 }).toContain('before the drop');

    // Cut the link. The agent, waiting on read-line, is then told to go on: its tail and its end
    // happen while the page is offline, and nothing is pushed afterwards that could reveal the gap.
    down = true;
    for (const ws of sockets.splice(0)) await ws.close({ code: 4000, reason: 'the test cut the link' });
    await page.getByRole('status', { name: /Connection: Reconnecting/ }).waitFor();
    await served.call('runs.write', { taskId: task.id, data: 'go on\r' });
    await expect
      .poll(async () => {
        const { task: t } = await served.call<{ task: Task }>('tasks.get', { id: task.id });
        return `${t.state}${t.error ? `: ${t.error}` : ''}`;
      }, { timeout: 30_000 })
      .toMatch(/^(no_changes|awaiting_review)$/);
    const text = await screenText();
    expect(text).not.toContain(`tail line ${TAIL} of`);

    down = false;
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor({ timeout: 30_000 });
    await expect.poll(screenText, { timeout: 20_000 }).toContain(`tail line ${TAIL} of ${TAIL}`);
    const shown = await screenText();
    const stored = (await served.call<{ chunks: { data: string }[] }>('runs.output', { taskId: task.id })).chunks.map((c) => c.data).join('');
    // Each line shows exactly as often as the agent wrote it (the last one twice: its text and its result).
    for (const what of ['before the drop', 'got: go on', ...tail.map((t) => `${t.slice(4)}"`)]) {
      expect(count(stored, what), `"${what}" in the stored output`).toBeGreaterThan(0);
      expect(count(shown, what), `"${what}" on the screen`).toBe(count(stored, what));
    }
  });

  it('raised no error in the page', () => {
    expect(errors.join('\n')).toBe('');
  });
});
