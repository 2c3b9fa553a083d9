/**
 * Where every dispatch file of a test went: still waiting in the inbox, accepted/, or rejected/ (with
 * its `.error.json` beside it). A file found nowhere was lost; a file found in two places was taken twice.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DispatchRejection } from '../../../shared/models/dispatch.js';

export type Place = 'inbox' | 'accepted' | 'rejected';

export interface Census {
  /** name → places it is found in (rejected/ also counts `name.1`, `name.2`... for repeated names). */
  places: Map<string, Place[]>;
  /** Names found in no place. */
  missing: string[];
  /** Names found in more than one place. */
  doubled: string[];
  /** The reason file of a rejected name, parsed; null when there is none. */
  reason(name: string): DispatchRejection | null;
}

const listing = (dir: string): Set<string> => {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
};

export function census(inbox: string, names: readonly string[]): Census {
  const lists: Record<Place, Set<string>> = { inbox: listing(inbox), accepted: listing(join(inbox, 'accepted')), rejected: listing(join(inbox, 'rejected')) };
  const places = new Map<string, Place[]>();
  for (const name of names) {
    const found = (['inbox', 'accepted', 'rejected'] as const).filter((p) => lists[p].has(name));
    places.set(name, found);
  }
  return {
    places,
    missing: names.filter((n) => places.get(n)!.length === 0),
    doubled: names.filter((n) => places.get(n)!.length > 1),
    reason(name) {
      const file = join(inbox, 'rejected', `${name}.error.json`);
      if (!existsSync(file)) return null;
      return DispatchRejection.parse(JSON.parse(readFileSync(file, 'utf8')));
    },
  };
}

/** Dispatch files still waiting in the inbox (what the watcher has not taken yet). */
export const waiting = (inbox: string): string[] => [...listing(inbox)].filter((n) => n.endsWith('.json') && !n.startsWith('.'));
