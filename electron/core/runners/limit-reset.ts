/**
 * When a rate or usage limit resets, from what the agent said. Forms seen in the CLIs' messages:
 *   Claude   "Claude AI usage limit reached|1765036800" (epoch seconds), "5-hour limit reached ∙ resets 3pm",
 *            "You've hit your limit · resets 6:30pm (Europe/Berlin)"
 *   Codex    "You've hit your usage limit. ... or try again in 2 hours 5 minutes", "try again at 3:04 PM"
 *   Gemini   "Quota exceeded ... Please retry in 43.5s", `"retryDelay": "43s"`
 *   any      "resets at 2026-12-05T18:00:00Z"
 * A clock time without a date is its next occurrence in this machine's local time (a named zone in
 * parentheses is not converted). Null when nothing says, or the time is past or over 8 days away.
 */
const MAX_AHEAD_MS = 8 * 24 * 3600 * 1000;
const UNIT_MS: Record<string, number> = { h: 3600e3, hr: 3600e3, hrs: 3600e3, hour: 3600e3, hours: 3600e3, m: 60e3, min: 60e3, mins: 60e3, minute: 60e3, minutes: 60e3, s: 1e3, sec: 1e3, secs: 1e3, second: 1e3, seconds: 1e3 };

function relative(text: string): number | null {
  const m = /(?:try again|retry|resets?|available again)\s+in\s+((?:\d+(?:\.\d+)?\s*[a-z]+[\s,]*(?:and\s+)?)+)/i.exec(text) ?? /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?s)"/.exec(text);
  if (!m) return null;
  let ms = 0;
  for (const part of m[1].matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/gi)) {
    const unit = UNIT_MS[part[2].toLowerCase()];
    if (unit) ms += Number(part[1]) * unit;
  }
  return ms > 0 ? ms : null;
}

function clockTime(text: string, now: number): number | null {
  const m = /(?:resets?|try again|available again)(?:\s+at)?\s+(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?(?![\d:])/i.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const ampm = m[3]?.toLowerCase().replace(/\./g, '');
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  const at = new Date(now);
  at.setHours(hour, minute, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

/** The epoch ms at which the limit the text describes resets, or null. */
export function parseLimitReset(text: string | null | undefined, now: number): number | null {
  if (!text) return null;
  let at: number | null;
  const epoch = /limit reached\|(\d{10,13})\b/i.exec(text);
  const isoTime = /\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))/.exec(text);
  if (epoch) at = epoch[1].length === 10 ? Number(epoch[1]) * 1000 : Number(epoch[1]);
  else if (isoTime && /reset|again|until|after/i.test(text)) at = Date.parse(isoTime[1]);
  else {
    const ms = relative(text);
    at = ms != null ? now + Math.ceil(ms) : clockTime(text, now);
  }
  if (at == null || !Number.isFinite(at) || at <= now || at - now > MAX_AHEAD_MS) return null;
  return at;
}
