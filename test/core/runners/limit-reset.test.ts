import { describe, expect, it } from 'vitest';
import { parseLimitReset } from '../../../electron/core/runners/limit-reset.js';

// A fixed local "now": 2026-12-05 14:10:00 in this machine's zone.
const NOW = new Date(2026, 11, 5, 14, 10, 0, 0).getTime();
const local = (d: number, h: number, m = 0) => new Date(2026, 11, d, h, m, 0, 0).getTime();

describe('when a usage or rate limit resets', () => {
  it.each([
    ['Claude AI usage limit reached|1796000000', 1796000000 * 1000, new Date(2026, 10, 30).getTime()],
    ['5-hour limit reached ∙ resets 3pm', local(5, 15), NOW],
    ["You've hit your limit · resets 6:30pm (Europe/Berlin)", local(5, 18, 30), NOW],
    ['Usage limit reached. Your limit resets at 9am.', local(6, 9), NOW],
    ["You've hit your usage limit. Upgrade to Pro (https://openai.com/chatgpt/pricing) or try again in 2 hours 5 minutes.", NOW + (2 * 60 + 5) * 60e3, NOW],
    ['stream error: exceeded retry limit, last status: 429 Too Many Requests, try again at 3:04 PM', local(5, 15, 4), NOW],
    ['[API Error: You have exhausted your capacity on this model. Your quota will reset after 2026-12-05T16:00:00Z. Please retry in 43.5s]', Date.parse('2026-12-05T16:00:00Z'), Date.parse('2026-12-05T15:00:00Z')],
    ['Quota exceeded for quota metric. Please retry in 43.5s.', NOW + 43_500, NOW],
    ['{"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"39s"}]}}', NOW + 39_000, NOW],
  ])('%s', (text, expected, now) => {
    expect(parseLimitReset(text, now)).toBe(expected);
  });

  it('says nothing when the text names no time, or one in the past or too far ahead', () => {
    expect(parseLimitReset('API Error: 429 rate_limit_error: This request would exceed the rate limit', NOW)).toBeNull();
    expect(parseLimitReset('Claude AI usage limit reached|1600000000', NOW)).toBeNull();
    expect(parseLimitReset('try again in 30 days', NOW)).toBeNull();
    expect(parseLimitReset(null, NOW)).toBeNull();
  });
});
