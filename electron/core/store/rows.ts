/** Small helpers shared by the repo modules for mapping rows to models. */
import { iso } from '../clock.js';

export const isoOrNull = (ms: number | null | undefined): string | null => (ms == null ? null : iso(ms));

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
