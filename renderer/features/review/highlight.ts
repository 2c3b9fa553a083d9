import { refractor } from 'refractor';

/** The refractor (Prism) language for a file, by its extension; null when there is none. */
const BY_EXT: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  json: 'json', css: 'css', scss: 'scss', sass: 'sass', less: 'less',
  html: 'markup', xml: 'markup', svg: 'markup', vue: 'markup',
  md: 'markdown', markdown: 'markdown', yml: 'yaml', yaml: 'yaml', ini: 'ini', toml: 'ini',
  py: 'python', rb: 'ruby', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', swift: 'swift',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', hpp: 'cpp', cs: 'csharp', php: 'php', pl: 'perl', lua: 'lua', r: 'r',
  sh: 'bash', bash: 'bash', zsh: 'bash', sql: 'sql', m: 'objectivec',
};

export function languageFor(path: string): string | null {
  const name = path.split('/').pop() ?? '';
  if (name === 'Makefile' || name.endsWith('.mk')) return 'makefile';
  if (name === 'Dockerfile') return 'bash';
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const lang = BY_EXT[ext] ?? null;
  return lang && refractor.registered(lang) ? lang : null;
}

/**
 * What react-diff-view's tokenize() calls to highlight. refractor 4+ returns a root node where
 * react-diff-view 3 expects refractor 3's list of nodes, so this hands it the root's children.
 */
export const highlighter = { highlight: (code: string, language: string) => refractor.highlight(code, language).children } as never;
