import { defineConfig } from 'vitest/config';

// Browser tests: the built CLI's `serve` in a child process, driven by Debian Chromium through
// playwright-core. Run `npm run build` first; `npm run test:e2e` runs these.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One browser at a time: the machine has two cores shared with everything else.
    fileParallelism: false,
  },
});
