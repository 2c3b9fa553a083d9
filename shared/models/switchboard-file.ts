/**
 * `switchboard.json` at a project's root (issue 16): how Switchboard provisions the project's task
 * worktrees and hands changes off as pull requests. Committed and shared by the team; the app's
 * per-project settings override `copyFiles` and `applyMode` per user. `shared/schema/switchboard.schema.json`
 * is generated from this schema (`npm run schema`) for editors, and a test keeps it up to date.
 */
import { z } from 'zod';

/** GitHub "owner/name". */
export const GithubRepo = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'a GitHub repository is written "owner/name"');

export const SwitchboardFile = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    setup: z.string().min(1).optional().describe('Shell command run in each new worktree before the agent starts (install dependencies, write .env ...). A non-zero exit fails the task as setup_failed.'),
    setupTimeoutSeconds: z.number().int().min(1).max(7200).default(600).describe('Time limit for setup, in seconds.'),
    teardown: z.string().min(1).optional().describe('Shell command run in a worktree just before Switchboard removes it.'),
    run: z.string().min(1).optional().describe('Shell command that runs the app (dev server, tests) in a task worktree on request: Run in the task pane, or `switchboard run ID`. Its output is the task\'s second terminal (App tab); it stops with the task, before its worktree is removed, and when Switchboard stops.'),
    copyFiles: z.array(z.string().min(1)).optional().describe('Files git ignores (".env") copied from the project into each worktree. .worktreeinclude is honoured too.'),
    baseBranch: z.string().min(1).optional().describe('Branch tasks start from and pull requests target (default: the project HEAD).'),
    applyMode: z.enum(['working-tree', 'commit']).optional().describe('What approving does: leave uncommitted edits, or commit on the target branch.'),
    github: z
      .object({
        repo: GithubRepo.describe('owner/name of the repository pull requests are opened on (default: read from the origin remote).'),
        apiUrl: z.string().url().optional().describe('REST API root, for GitHub Enterprise (default https://api.github.com).'),
        pushRemote: z.string().min(1).optional().describe('Remote the task branch is pushed to (default origin).'),
      })
      .partial({ repo: true })
      .strict()
      .optional(),
  })
  .strict();
export type SwitchboardFile = z.infer<typeof SwitchboardFile>;

export const SWITCHBOARD_FILE_NAME = 'switchboard.json';

/** The JSON Schema editors use for switchboard.json (written to shared/schema/ by `npm run schema`). */
export const switchboardJsonSchema = (): Record<string, unknown> => ({
  ...z.toJSONSchema(SwitchboardFile, { io: 'input' }),
  title: 'switchboard.json',
  description: 'Per-project Switchboard settings: worktree setup, teardown, run, copied files, pull requests.',
});
