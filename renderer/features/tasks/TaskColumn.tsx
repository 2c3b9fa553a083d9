import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Task } from '../../../shared/models/task.js';
import type { BoardColumn } from './task-board.js';
import { TaskCard } from './TaskCard.js';
import { cardClock } from './card-clock.js';
import { cardDomId } from './use-board-keyboard.js';

interface Props {
  column: BoardColumn;
  tasks: Task[];
  count: number;
  selectedId: string | null;
  tabbableId: string | null;
  now: number;
  waitingReasons: Readonly<Record<string, string>>;
  onOpen(id: string): void;
  onSelect(id: string): void;
  /** Shown under the list when older tasks can be loaded. */
  onMore?: () => void;
}

/** A first guess of a card's height (px); each card is measured once it is on screen. */
const CARD_ESTIMATE = 92;
/** Space between cards and around the list (px), as in board.css's .column-list. */
const GAP = 6;
const PAD = 8;

/**
 * One column of the board. Its list is virtualised (@tanstack/react-virtual): only the cards in view,
 * plus a few either side, are in the page, so a board of thousands of tasks filters and re-renders
 * as fast as one of a few dozen. The rest are stood in for by the list's top and bottom padding.
 */
export function TaskColumn({ column, tasks, count, selectedId, tabbableId, now, waitingReasons, onOpen, onSelect, onMore }: Props) {
  const headId = `column-${column.id}`;
  // The scroll element wraps the list: the virtualiser's stand-in space is the list's padding, and a
  // scrolling element's own padding cannot shrink, so the list itself must not be the one that scrolls.
  const listRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: tasks.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => CARD_ESTIMATE,
    getItemKey: (i) => tasks[i].id,
    overscan: 4,
    gap: GAP,
    paddingStart: PAD,
    paddingEnd: PAD,
  });
  const selectedIndex = selectedId ? tasks.findIndex((t) => t.id === selectedId) : -1;

  // Keyboard moves (and a card focused from elsewhere) select a task that may be out of view: scroll
  // it into the list, then give it the focus the board's key handler could not (it was not rendered).
  useEffect(() => {
    if (selectedIndex < 0) return;
    virtual.scrollToIndex(selectedIndex, { align: 'auto' });
    const id = requestAnimationFrame(() => {
      const active = document.activeElement;
      const card = document.getElementById(cardDomId(tasks[selectedIndex].id));
      if (card && active !== card && active instanceof HTMLElement && active.classList.contains('card') && listRef.current?.closest('.board')?.contains(active)) card.focus();
    });
    return () => cancelAnimationFrame(id);
    // Only a change of selection scrolls; new tasks arriving must not pull the list back.
  }, [selectedId, selectedIndex >= 0]);

  const items = virtual.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  return (
    <section className="column" data-column={column.id} aria-labelledby={headId}>
      <h2 className="column-head" id={headId}>
        {column.title}
        <span className="column-count" aria-label={`${count} tasks`}>
          {count}
        </span>
      </h2>
      {tasks.length ? (
        <div ref={listRef} className="column-scroll">
        <ul
          className="column-list"
          role="listbox"
          aria-labelledby={headId}
          style={{ paddingTop: first ? first.start : PAD, paddingBottom: last ? Math.max(PAD, virtual.getTotalSize() - last.end) : PAD }}
        >
          {items.map((item) => {
            const t = tasks[item.index];
            return (
              <TaskCard
                key={item.key}
                ref={virtual.measureElement}
                index={item.index}
                setSize={tasks.length}
                task={t}
                selected={t.id === selectedId}
                tabbable={t.id === tabbableId}
                now={cardClock(t, now)}
                waiting={waitingReasons[t.id]}
                onOpen={onOpen}
                onSelect={onSelect}
              />
            );
          })}
        </ul>
        </div>
      ) : (
        <p className="column-empty">{column.empty}</p>
      )}
      {onMore ? (
        <button type="button" className="btn btn-ghost column-more" onClick={onMore}>
          Show older
        </button>
      ) : null}
    </section>
  );
}
