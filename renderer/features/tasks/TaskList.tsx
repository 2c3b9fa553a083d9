import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Task } from '../../../shared/models/task.js';
import { baseName, formatAge, promptTitle, stateLabel } from '../../lib/format.js';
import { useNow } from '../../app/use-now.js';
import { useApp } from '../../store/store-context.js';
import { BulkBar } from './BulkBar.js';
import { columnOf } from './task-board.js';
import { clickSelection, listRows, rowTasks } from './task-list.js';
import { GROUP_KEYS, SORT_KEYS, type GroupKey, type SortKey } from './task-view-url.js';

const SORT_LABELS: Record<SortKey, string> = { updated: 'Updated', created: 'Created', state: 'State', project: 'Project', agent: 'Agent' };
const GROUP_LABELS: Record<GroupKey, string> = { none: 'No groups', project: 'Project', agent: 'Agent', state: 'State' };
const ROW_HEIGHT = 38;

/**
 * The Tasks screen as a list (#/tasks?view=list): sorted and grouped as the URL says, virtualised like
 * the board's columns. Check boxes select tasks (shift-click for a range, Ctrl/⌘+A for every task
 * shown, Escape to clear) for the bulk actions above the list.
 */
export function TaskList({ tasks }: { tasks: Task[] }) {
  const view = useApp((s) => s.taskView);
  const setView = useApp((s) => s.setTaskView);
  const archived = useApp((s) => s.filters.archived);
  const openTask = useApp((s) => s.openTask);
  const openId = useApp((s) => s.openTaskId);
  const olderCursor = useApp((s) => s.olderCursor);
  const loadOlder = useApp((s) => s.loadOlderTasks);
  const now = useNow(60_000);
  const rows = useMemo(() => listRows(tasks, view.sort, view.group), [tasks, view.sort, view.group]);
  const order = useMemo(() => rowTasks(rows).map((t) => t.id), [rows]);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  // Only what is still shown counts: a filter that hides a selected task also drops it from a bulk action.
  const selected = useMemo(() => tasks.filter((t) => selection.has(t.id)), [tasks, selection]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, getItemKey: (i) => (rows[i].kind === 'task' ? (rows[i] as { task: Task }).task.id : `group:${(rows[i] as { key: string }).key}`) });

  const allShown = order.length > 0 && selected.length === order.length;
  const toggle = (id: string, e: MouseEvent) => {
    setSelection(clickSelection(selection, order, id, anchor.current, e.shiftKey));
    anchor.current = id;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('textarea, select, input:not([type=checkbox])')) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSelection(new Set(order));
    } else if (e.key === 'Escape' && selection.size) {
      e.preventDefault(); // the task pane's Escape stays for when nothing is selected
      setSelection(new Set());
    }
  };

  const items = virtual.getVirtualItems();
  return (
    <div className="task-list" onKeyDown={onKeyDown}>
      <div className="list-head">
        <label className="list-check">
          <input
            type="checkbox"
            aria-label="Select every task shown"
            checked={allShown}
            ref={(el) => {
              if (el) el.indeterminate = selected.length > 0 && !allShown;
            }}
            onChange={() => setSelection(allShown ? new Set() : new Set(order))}
          />
        </label>
        <span className="list-total">
          {tasks.length} task{tasks.length === 1 ? '' : 's'}
          {archived ? ' archived' : ''}
        </span>
        <ViewPick label="Sort" keys={SORT_KEYS} labels={SORT_LABELS} value={view.sort} onPick={(sort) => setView({ sort })} />
        <ViewPick label="Group" keys={GROUP_KEYS} labels={GROUP_LABELS} value={view.group} onPick={(group) => setView({ group })} />
      </div>
      <BulkBar selected={selected} archived={archived} onDone={() => setSelection(new Set())} />
      <div className="list-scroll" ref={scrollRef} role="table" aria-label="Tasks" aria-rowcount={rows.length}>
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT } as const;
            if (row.kind === 'group') {
              return (
                <div key={item.key} className="list-group" role="row" aria-rowindex={item.index + 1} style={style}>
                  <span role="rowheader">
                    {row.label} <span className="list-group-count">{row.count}</span>
                  </span>
                </div>
              );
            }
            const t = row.task;
            const title = promptTitle(t.prompt);
            return (
              <div
                key={item.key}
                className="list-row"
                role="row"
                aria-rowindex={item.index + 1}
                aria-selected={selection.has(t.id)}
                data-task-id={t.id}
                data-column={columnOf(t.state)}
                data-state={t.state}
                data-open={t.id === openId || undefined}
                style={style}
              >
                <span role="cell" className="list-check">
                  <input type="checkbox" aria-label={`Select ${title || t.id}`} checked={selection.has(t.id)} onChange={() => undefined} onClick={(e) => toggle(t.id, e)} />
                </span>
                <span role="cell" className="list-title">
                  <button type="button" className="link-button" title={t.prompt} onClick={() => openTask(t.id)}>
                    {title || <em>(empty prompt)</em>}
                  </button>
                </span>
                <span role="cell" className="list-state">
                  <span className="badge">{stateLabel(t.state)}</span>
                </span>
                <span role="cell" className="list-project" title={t.projectDir}>
                  {baseName(t.projectDir)}
                </span>
                <span role="cell" className="list-agent">
                  {t.agent}
                </span>
                <span role="cell" className="list-age" title={`Updated ${new Date(t.updatedAt).toLocaleString()}, created ${new Date(t.createdAt).toLocaleString()}`}>
                  {formatAge(view.sort === 'created' ? t.createdAt : t.updatedAt, now)}
                </span>
              </div>
            );
          })}
        </div>
        {olderCursor ? (
          <button type="button" className="btn btn-ghost list-more" onClick={() => void loadOlder()}>
            Show older
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** One of the list's view pickers (Sort, Group). */
function ViewPick<K extends string>({ label, keys, labels, value, onPick }: { label: string; keys: readonly K[]; labels: Record<K, string>; value: K; onPick(k: K): void }) {
  return (
    <label className="list-pick">
      <span className="list-pick-label">{label}</span>
      <select className="select" aria-label={`${label} by`} value={value} onChange={(e) => onPick(e.target.value as K)}>
        {keys.map((k) => (
          <option key={k} value={k}>
            {labels[k]}
          </option>
        ))}
      </select>
    </label>
  );
}
