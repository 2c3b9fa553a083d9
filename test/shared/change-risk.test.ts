import { describe, expect, it } from 'vitest';
import { riskFlags } from '../../shared/models/change-risk.js';

const file = (path: string, extra: Partial<{ status: 'added' | 'modified' | 'deleted' | 'mode'; oldMode: string | null; newMode: string | null }> = {}) => ({
  path,
  status: extra.status ?? 'added',
  oldMode: extra.oldMode ?? null,
  newMode: extra.newMode ?? '100644',
});

describe('riskFlags (issue 12: what a reviewer must not miss)', () => {
  it('flags symlinks, new executable bits and files under .git*, .github/workflows, .vscode and .husky', () => {
    expect(riskFlags(file('link', { newMode: '120000' }))).toEqual(['symlink']);
    expect(riskFlags(file('run.sh', { status: 'mode', oldMode: '100644', newMode: '100755' }))).toEqual(['executable']);
    expect(riskFlags(file('.gitattributes'))).toEqual(['git-config']);
    expect(riskFlags(file('.gitmodules'))).toEqual(['git-config']);
    expect(riskFlags(file('.github/workflows/ci.yml'))).toEqual(['ci-workflow']);
    expect(riskFlags(file('.vscode/tasks.json'))).toEqual(['editor-config']);
    expect(riskFlags(file('.husky/pre-commit', { newMode: '100755' }))).toEqual(['executable', 'git-hooks']);
  });
  it('leaves ordinary edits, an already executable file and deletions alone', () => {
    expect(riskFlags(file('src/app.ts', { status: 'modified', oldMode: '100644' }))).toEqual([]);
    expect(riskFlags(file('bin/tool', { status: 'modified', oldMode: '100755', newMode: '100755' }))).toEqual([]);
    expect(riskFlags(file('.github/workflows/old.yml', { status: 'deleted' }))).toEqual([]);
    expect(riskFlags(file('.github/CODEOWNERS'))).toEqual([]);
  });
});
