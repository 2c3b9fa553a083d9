import type { ChangeFile } from '../../../shared/models/change.js';

export interface TreeDir {
  kind: 'dir';
  name: string;
  path: string;
  children: TreeNode[];
  additions: number;
  deletions: number;
}
export interface TreeFile {
  kind: 'file';
  name: string;
  file: ChangeFile;
}
export type TreeNode = TreeDir | TreeFile;

/**
 * The changed files as a folder tree, folders first then files, each sorted by name. A folder with a
 * single sub-folder and no files is merged into it ("src/app"), as code review tools do.
 */
export function buildFileTree(files: readonly ChangeFile[]): TreeDir {
  const root: TreeDir = { kind: 'dir', name: '', path: '', children: [], additions: 0, deletions: 0 };
  for (const file of files) {
    const parts = file.path.split('/');
    let dir = root;
    dir.additions += file.additions;
    dir.deletions += file.deletions;
    for (const part of parts.slice(0, -1)) {
      let next = dir.children.find((c): c is TreeDir => c.kind === 'dir' && c.name === part);
      if (!next) {
        next = { kind: 'dir', name: part, path: dir.path ? `${dir.path}/${part}` : part, children: [], additions: 0, deletions: 0 };
        dir.children.push(next);
      }
      next.additions += file.additions;
      next.deletions += file.deletions;
      dir = next;
    }
    dir.children.push({ kind: 'file', name: parts[parts.length - 1], file });
  }
  return compact(sortTree(root));
}

function sortTree(dir: TreeDir): TreeDir {
  dir.children.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1));
  for (const c of dir.children) if (c.kind === 'dir') sortTree(c);
  return dir;
}

function compact(dir: TreeDir): TreeDir {
  dir.children = dir.children.map((c) => {
    if (c.kind !== 'dir') return c;
    let d = compact(c);
    while (d.children.length === 1 && d.children[0].kind === 'dir') {
      const only: TreeDir = d.children[0];
      d = { ...only, name: `${d.name}/${only.name}` };
    }
    return d;
  });
  return dir;
}

/** Files in the order the tree shows them, for next/previous file navigation. */
export function treeOrder(dir: TreeDir): ChangeFile[] {
  return dir.children.flatMap((c) => (c.kind === 'file' ? [c.file] : treeOrder(c)));
}
