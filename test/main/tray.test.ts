import { describe, expect, it } from 'vitest';
import { OPEN_TASK_CHANNEL } from '../../shared/ipc.js';
import type { TaskState } from '../../shared/models/task.js';
import { FakeNotification, FakeTray } from './fake-electron.js';
import { startShell, until } from './shell-harness.js';
import { driveTo } from '../helpers/drive-task.js';

type Item = { label?: string; type?: string; click?: () => void; submenu?: Item[] };
const items = () => FakeTray.instances[0].menu!.template as Item[];
const byLabel = (list: Item[], prefix: string) => list.find((i) => i.label?.startsWith(prefix));

async function setup() {
  const s = await startShell();
  const core = s.core!;
  const make = async (prompt: string, path: TaskState[]) => {
    const t = await core.call('tasks.create', { projectDir: s.project, prompt });
    let from: TaskState = 'queued';
    for (const to of path) {
      expect(driveTo(core.transition, t.id, from, to)).not.toBeNull();
      from = to;
    }
    return t.id;
  };
  return { ...s, make };
}

describe('tray and notifications', () => {
  it('shows counts and the waiting tasks, rebuilt when a task changes', async () => {
    const { make } = await setup();
    expect(byLabel(items(), 'Awaiting review:')!.label).toBe('Awaiting review: 0');
    const review = await make('review me', ['preparing', 'running', 'awaiting_review']);
    await make('answer me', ['preparing', 'running', 'awaiting_input']);
    await make('still going', ['preparing', 'running']);
    // The events travel from the daemon over its WebSocket; the menu follows them.
    await until(() => items()[0].label === 'Running: 1' && !!byLabel(items(), 'project: answer me'), 'the menu to show the three tasks');
    const list = items();
    expect(list.slice(0, 3).map((i) => i.label)).toEqual(['Running: 1', 'Awaiting review: 1', 'Awaiting input: 1']);
    expect(FakeTray.instances[0].tooltip).toBe('Switchboard: 1 running, 1 awaiting review, 1 awaiting input');
    expect(byLabel(list, 'project: review me')!.submenu!.map((i) => i.label)).toEqual(['Approve', 'Reject', 'Open']);
    expect(byLabel(list, 'project: answer me')!.submenu!.map((i) => i.label)).toEqual(['Open']);
    expect(FakeTray.instances[0].images.length).toBeGreaterThan(1); // the badge came on
    expect(review).toMatch(/^dispatch-/);
  });

  it('shows a best-of-N group once, with how many of its siblings are ready', async () => {
    const s = await setup();
    const core = s.core!;
    const project = s.project;
    const first = await core.call('tasks.create', { projectDir: project, prompt: 'pick one', agents: ['claude', 'codex', 'gemini'] });
    const { members } = await core.call('groups.compare', { id: first.id });
    const path: TaskState[] = ['preparing', 'running', 'awaiting_review'];
    for (const [i, m] of members.entries()) {
      let from: TaskState = 'queued';
      for (const to of i < 2 ? path : path.slice(0, 2)) {
        expect(driveTo(core.transition, m.task.id, from, to)).not.toBeNull();
        from = to;
      }
    }
    await until(() => !!byLabel(items(), 'project: pick one (2 of 3 ready)'), 'the group entry with two ready');
    const list = items();
    expect(byLabel(list, 'Awaiting review:')!.label).toBe('Awaiting review: 2');
    const entries = list.filter((i) => i.label?.startsWith('project: pick one'));
    expect(entries.map((i) => i.label)).toEqual(['project: pick one (2 of 3 ready)']);
    expect(entries[0].submenu!.map((i) => i.label)).toEqual(['Approve claude', 'Approve codex', 'Compare…']);
    expect(list.some((i) => i.label?.endsWith('more task…'))).toBe(false);
  });

  it('Open shows the window at that task', async () => {
    const { make, win } = await setup();
    const id = await make('answer me', ['preparing', 'running', 'awaiting_input']);
    await until(() => !!byLabel(items(), 'project: answer me'), 'the menu to list the task');
    win!.hide();
    byLabel(items(), 'project: answer me')!.submenu![0].click!();
    expect(win!.visible).toBe(true);
    expect(win!.webContents.sent).toContainEqual({ channel: OPEN_TASK_CHANNEL, args: [id] });
  });

  it('a failed Approve or Reject is shown as a notification with the error', async () => {
    const { make, core } = await setup();
    const id = await make('review me', ['preparing', 'running', 'awaiting_review']);
    await until(() => !!byLabel(items(), 'project: review me'), 'the menu to list the task');
    const before = FakeNotification.instances.length;
    const entry = byLabel(items(), 'project: review me')!;
    entry.submenu![0].click!(); // Approve: this task has no captured change, so the core refuses
    entry.submenu![1].click!();
    // Both answers come back asynchronously: wait for them, however slow the machine is.
    await until(() => FakeNotification.instances.length - before >= 2, 'both failures to be shown');
    const notes = FakeNotification.instances.slice(before);
    // Both failures are shown, in whichever order the core answered them.
    expect(notes.map((n) => n.options.title).sort()).toEqual([`Could not approve ${id}`, `Could not reject ${id}`]);
    expect(notes.every((n) => n.shown)).toBe(true);
    // The body is the core's own explanation.
    const coreSays = await core!.call('changes.approve', { taskId: id }).then(() => 'approved?', (e: Error) => e.message);
    expect(notes.find((n) => n.options.title === `Could not approve ${id}`)!.options.body).toBe(coreSays);
  });

  it('leaves out the kinds of notification turned off in Settings', async () => {
    const { make, core } = await setup();
    const before = FakeNotification.instances.length;
    await core!.call('settings.update', { patch: { notifications: { review: true, input: true, failed: false } } });
    await make('break', ['preparing', 'running', 'failed']);
    await make('review me', ['preparing', 'running', 'awaiting_review']);
    const mine = () => FakeNotification.instances.slice(before).filter((n) => n.shown);
    await until(() => mine().some((n) => n.options.title === 'Ready for review'), 'the review notification');
    // Notifications keep the order of the changes, so the failure's turn came (and went) before.
    expect(mine().map((n) => n.options.title)).toEqual(['Ready for review']);
  });

  it('notifies when a task needs review or fails; clicking opens it', async () => {
    const { make, win } = await setup();
    const id = await make('review me', ['preparing', 'running', 'awaiting_review']);
    const failed = await make('break', ['preparing', 'running', 'failed']);
    await make('quiet', ['preparing', 'running']);
    await until(() => FakeNotification.instances.filter((n) => n.shown).length >= 2, 'two notifications');
    const notes = FakeNotification.instances.filter((n) => n.shown);
    expect(notes.map((n) => n.options.title)).toEqual(['Ready for review', 'Task failed']);
    win!.hide();
    notes[1].emit('click');
    expect(win!.visible).toBe(true);
    expect(win!.webContents.sent).toContainEqual({ channel: OPEN_TASK_CHANNEL, args: [failed] });
    expect(id).not.toBe(failed);
  });
});
