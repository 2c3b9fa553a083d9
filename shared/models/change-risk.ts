import type { ChangeFile } from './change.js';

/**
 * What in a captured change deserves a second look before approving (issue 12): files that run
 * code or change how git, CI or the editor behave, which a reviewer skimming a diff can miss.
 */
export type RiskFlag = 'symlink' | 'executable' | 'git-config' | 'ci-workflow' | 'editor-config' | 'git-hooks';

export const RISK_LABELS: Record<RiskFlag, { label: string; why: string }> = {
  symlink: { label: 'symlink', why: 'adds a symbolic link, which can point anywhere on this machine' },
  executable: { label: 'executable', why: 'makes a file executable' },
  'git-config': { label: 'git config', why: 'changes a .git* file (attributes, modules, ignore rules) that alters how git treats the repository' },
  'ci-workflow': { label: 'CI workflow', why: 'changes a GitHub Actions workflow, which runs with the repository’s secrets' },
  'editor-config': { label: 'editor config', why: 'changes .vscode settings or tasks, which the editor may run' },
  'git-hooks': { label: 'git hooks', why: 'changes .husky hooks, which run on every commit' },
};

/** The risk flags of one changed file (empty for an ordinary edit). A deletion is never flagged. */
export function riskFlags(file: Pick<ChangeFile, 'path' | 'status' | 'oldMode' | 'newMode'>): RiskFlag[] {
  if (file.status === 'deleted') return [];
  const flags: RiskFlag[] = [];
  if (file.newMode === '120000') flags.push('symlink');
  if (file.newMode === '100755' && file.oldMode !== '100755') flags.push('executable');
  const parts = file.path.split('/');
  const first = parts[0] ?? '';
  if (first === '.github' && parts[1] === 'workflows') flags.push('ci-workflow');
  else if (first.startsWith('.git') && first !== '.github') flags.push('git-config');
  if (first === '.vscode') flags.push('editor-config');
  if (first === '.husky') flags.push('git-hooks');
  return flags;
}
