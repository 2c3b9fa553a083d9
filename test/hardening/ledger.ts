/**
 * Hardening suites record what they tried in a ledger: one JSON line per suite with the number of
 * cases tried, passed, and items of data lost. `npm run test:hardening` prints the table.
 * The size of each suite comes from HARDENING_SCALE: "quick" inside `npm test`, "full" on its own.
 */
import { appendFileSync } from 'node:fs';

export const FULL = process.env.HARDENING_SCALE === 'full';

/** Picks the quick or the full size of a suite. */
export const scale = (quick: number, full: number): number => (FULL ? full : quick);

export interface LedgerRow {
  suite: string;
  tried: number;
  passed: number;
  lost: number;
  note?: string;
}

export function record(row: LedgerRow): void {
  const file = process.env.HARDENING_LEDGER;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}
