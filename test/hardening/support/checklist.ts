/** Named checks of one suite: each counted as tried, failures kept with what was seen; `done()` records the row and asserts. */
import { expect } from 'vitest';
import { record } from '../ledger.js';

export function checklist(suite: string) {
  let tried = 0;
  const failed: string[] = [];
  return {
    check(name: string, ok: boolean, seen?: unknown): void {
      tried++;
      if (!ok) failed.push(`${name}${seen === undefined ? '' : ` (saw ${typeof seen === 'string' ? seen : JSON.stringify(seen)})`}`);
    },
    done(note?: string): void {
      record({ suite, tried, passed: tried - failed.length, lost: 0, ...(note ? { note } : {}) });
      expect(failed).toEqual([]);
    },
  };
}
