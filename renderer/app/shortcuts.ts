/**
 * Every keyboard shortcut, as the help sheet (?) lists them. The handlers live with their views
 * (use-global-shortcuts, use-board-keyboard, the review's key maps); this is the one list a person reads.
 */
export interface ShortcutGroup {
  title: string;
  keys: { keys: string[]; what: string }[];
}

export function shortcutGroups(mod: string, newTaskKey: string): ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      keys: [
        { keys: [`${mod}K`], what: 'Command palette: every action and every task' },
        { keys: [newTaskKey], what: newTaskKey === 'N' ? 'New task (outside Review, where n is the next hunk)' : 'New task' },
        { keys: ['/'], what: 'Search the tasks' },
        { keys: ['?'], what: 'This list of shortcuts' },
        { keys: ['Esc'], what: 'Close the open task, dialog or palette' },
      ],
    },
    {
      title: 'Board',
      keys: [
        { keys: ['←', '↓', '↑', '→'], what: 'Move between tasks (or h j k l)' },
        { keys: ['Home', 'End'], what: 'First or last task of the column' },
        { keys: ['Enter'], what: 'Open the task' },
      ],
    },
    {
      title: 'Review',
      keys: [
        { keys: ['j', 'k'], what: 'Next or previous file' },
        { keys: ['n', 'p'], what: 'Next or previous hunk' },
        { keys: ['Space'], what: 'Include or leave out the current hunk' },
        { keys: ['x'], what: 'Include or leave out the whole file' },
        { keys: ['c'], what: 'Comment on the current hunk' },
        { keys: ['a'], what: 'Approve the selection' },
        { keys: ['r'], what: 'Reject (asks for a reason)' },
        { keys: ['f'], what: 'Follow up: send the task back to its agent' },
      ],
    },
  ];
}
