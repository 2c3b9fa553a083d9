import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../electron/main/shell-args.js';

describe('parseShellArgs', () => {
  it('reads --home in both spellings and --hidden, ignoring the rest', () => {
    expect(parseShellArgs(['.', '--home', '/h', '--no-sandbox'])).toEqual({ home: '/h', hidden: false });
    expect(parseShellArgs(['--home=/x', '--hidden'])).toEqual({ home: '/x', hidden: true });
    expect(parseShellArgs(['--home'])).toEqual({ hidden: false });
  });
});
