// Lint rules, including the import boundaries between runtimes (STYLE.md, rule 5):
// renderer/ runs in a browser, shared/ runs everywhere, electron/core never touches Electron, and
// electron/main never runs the core (it lives in the daemon; main may import its types only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['electron', 'fs', 'path', 'os', 'child_process', 'better-sqlite3', 'node-pty', 'ws'];
const nodePatterns = [{ group: ['node:*'], message: 'Node APIs are not available here.' }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: Object.fromEntries(
        ['console', 'process', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal',
          'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'queueMicrotask', 'structuredClone',
          'performance', 'fetch', 'Response', 'Request', 'Headers', 'WebSocket'].map((g) => [g, 'readonly']),
      ),
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeOnly.map((name) => ({ name, message: 'renderer/ is browser code: talk to the core through renderer/api.' })),
        patterns: [...nodePatterns, { group: ['**/electron/**', '../electron/*'], message: 'renderer/ must not import electron/: use the shared contract.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeOnly, 'react', 'zustand'].map((name) => ({ name, message: 'shared/ is platform-neutral: only zod and other shared/ modules.' })),
        patterns: [...nodePatterns, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on electron/ or renderer/.' }],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron; the core runs under plain Node.' }],
        patterns: [{ group: ['**/renderer/**'], message: 'Node code must not import the renderer.' }],
      }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          {
            group: ['**/core/**', '**/host/serve.js', '**/host/publish.js', '**/host/create-host.js'],
            allowTypeImports: true,
            message: 'electron/main is a client of the daemon: the core runs there, never in the window\'s process. Talk to it through daemon-link.ts (type-only imports are fine).',
          },
          { group: ['**/renderer/**'], message: 'Node code must not import the renderer.' },
        ],
      }],
    },
  },
);
