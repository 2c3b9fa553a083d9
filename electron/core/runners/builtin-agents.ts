/**
 * The agents Switchboard knows out of the box (issue #4), with their real flags and quirks. A config
 * entry of the same name is merged over one of these field by field (agent-registry.ts).
 */
import type { AgentDefinition } from '../../../shared/models/config.js';

export const BUILTIN_AGENTS: Record<string, AgentDefinition> = {
  claude: {
    transport: 'pty',
    command: 'claude',
    // stream-json needs --verbose. In --print mode the default permission mode silently denies edits
    // (and still reports success), so edits are accepted explicitly.
    args: ['--print', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits'],
    env: {},
    outputFormat: 'claude-stream-json',
    resumeArgs: ['--resume', '{sessionId}'],
    // `claude -p` with no prompt argument reads the prompt from a piped stdin.
    promptStdin: {},
    versionArgs: ['--version'],
    helpArgs: ['--help'],
    passEnv: ['ANTHROPIC_*', 'CLAUDE_*', 'AWS_*', 'CLOUD_ML_REGION', 'GOOGLE_APPLICATION_CREDENTIALS', 'DISABLE_AUTOUPDATER'],
    loginHint: 'Run `claude` in a terminal and log in with /login (or set ANTHROPIC_API_KEY)',
    installHint: 'npm install -g @anthropic-ai/claude-code',
    killGraceSeconds: 5,
  },
  codex: {
    transport: 'pty',
    command: 'codex',
    // Quirk: `codex exec` refuses to run outside a git repository, which in-place runs on non-git
    // projects are; Switchboard snapshots those itself, so the check is skipped. `exec` never asks for
    // approval; `--sandbox workspace-write` lets it edit the worktree (codex 0.169 dropped `--full-auto`,
    // which used to say the same). exec's own flags go before `resume`, which does not take --sandbox.
    args: ['exec', '--json', '--skip-git-repo-check', '--sandbox', 'workspace-write'],
    env: {},
    outputFormat: 'codex-json',
    // `codex exec resume <id> <prompt>`: the subcommand goes after exec's own flags.
    resumeArgs: ['resume', '{sessionId}'],
    // `codex exec -` (and `codex exec resume <id> -`) reads the prompt from stdin.
    promptStdin: { arg: '-' },
    versionArgs: ['--version'],
    helpArgs: ['exec', '--help'],
    passEnv: ['OPENAI_*', 'CODEX_*', 'AZURE_OPENAI_*'],
    loginHint: 'Run `codex login` in a terminal (or set OPENAI_API_KEY)',
    installHint: 'npm install -g @openai/codex',
    killGraceSeconds: 5,
  },
  gemini: {
    transport: 'acp',
    command: 'gemini',
    args: ['--acp'],
    helpArgs: ['--help'],
    env: {},
    // Quirk (gemini-cli 0.61): offered fs/read_text_file, its write tool reads the target first and
    // takes only an Error whose message says ENOENT for "the file is new"; the JSON-RPC error object
    // of any client never matches, so every new file failed with "Error checking existing file".
    // It reads files itself instead (inside its cwd, the worktree); writes still come through us.
    // Quirk 2 (gemini-cli 0.61): session/load starts a new chat recording before it reads the old one,
    // named by the minute (chats/session-<YYYY-MM-DDTHH-MM>-<id>.jsonl): in the minute the session was
    // last recorded that is the same file, the conversation is overwritten and the load fails with
    // "No previous sessions found". So a follow-up's load waits for the next minute (at most 60 s).
    acp: { fsRead: false, loadInLaterMinute: true },
    versionArgs: ['--version'],
    passEnv: ['GEMINI_*', 'GOOGLE_*'],
    loginHint: 'Run `gemini` in a terminal once to sign in (or set GEMINI_API_KEY)',
    installHint: 'npm install -g @google/gemini-cli',
    killGraceSeconds: 5,
  },
  opencode: {
    transport: 'acp',
    command: 'opencode',
    args: ['acp'],
    env: {},
    versionArgs: ['--version'],
    passEnv: ['OPENCODE_*', 'ANTHROPIC_*', 'OPENAI_*', 'GEMINI_*', 'OPENROUTER_*'],
    loginHint: 'Run `opencode auth login` in a terminal',
    installHint: 'npm install -g opencode-ai',
    killGraceSeconds: 5,
  },
  goose: {
    transport: 'acp',
    command: 'goose',
    args: ['acp'],
    env: {},
    versionArgs: ['--version'],
    passEnv: ['GOOSE_*', 'ANTHROPIC_*', 'OPENAI_*', 'GOOGLE_*', 'OPENROUTER_*'],
    loginHint: 'Run `goose configure` in a terminal',
    installHint: 'see https://block.github.io/goose/docs/getting-started/installation',
    killGraceSeconds: 5,
  },
  'claude-acp': {
    transport: 'acp',
    command: 'claude-agent-acp',
    args: [],
    env: {},
    // It has no --version: asked one, it would start serving ACP on stdin. Presence on PATH is enough.
    versionArgs: [],
    passEnv: ['ANTHROPIC_*', 'CLAUDE_*', 'AWS_*', 'CLOUD_ML_REGION', 'GOOGLE_APPLICATION_CREDENTIALS'],
    loginHint: 'Run `claude` in a terminal and log in with /login (or set ANTHROPIC_API_KEY)',
    installHint: 'npm install -g @agentclientprotocol/claude-agent-acp',
    ptyFallback: 'claude',
    killGraceSeconds: 5,
  },
  'codex-acp': {
    transport: 'acp',
    command: 'codex-acp',
    args: [],
    env: {},
    versionArgs: [],
    passEnv: ['OPENAI_*', 'CODEX_*', 'AZURE_OPENAI_*'],
    loginHint: 'Run `codex login` in a terminal (or set OPENAI_API_KEY)',
    installHint: 'npm install -g @zed-industries/codex-acp',
    ptyFallback: 'codex',
    // It ignores stdin EOF, so it only ever stops on a signal: do not wait long for it.
    killGraceSeconds: 2,
  },
  cursor: {
    transport: 'pty',
    command: 'cursor-agent',
    args: ['-p'],
    env: {},
    resumeArgs: ['--resume', '{sessionId}'],
    helpArgs: ['--help'],
    versionArgs: ['--version'],
    passEnv: ['CURSOR_*'],
    loginHint: 'Run `cursor-agent login` in a terminal (or set CURSOR_API_KEY)',
    installHint: 'curl https://cursor.com/install -fsS | bash',
    killGraceSeconds: 5,
  },
  // Interactive variants (issue 11): the agent's own TUI in the task's terminal, started on the task's
  // prompt; the person types to it, and Done (quitInput, then SIGTERM) ends it and captures the diff.
  // First-run trust dialogs are each CLI's own settings, never scraped from the screen: claude and
  // codex apply a trusted project's trust to its git worktrees; gemini honours
  // security.folderTrust in ~/.gemini/settings.json. README "Interactive agents" lists them.
  'claude-tui': {
    transport: 'pty',
    command: 'claude',
    // `claude "<prompt>"` opens the TUI and submits the prompt. Edits are accepted; commands still ask, in the TUI.
    args: ['--permission-mode', 'acceptEdits'],
    env: {},
    interactive: true,
    quitInput: '/exit\r',
    versionArgs: ['--version'],
    passEnv: ['ANTHROPIC_*', 'CLAUDE_*', 'AWS_*', 'CLOUD_ML_REGION', 'GOOGLE_APPLICATION_CREDENTIALS', 'DISABLE_AUTOUPDATER'],
    loginHint: 'Run `claude` in a terminal and log in with /login (or set ANTHROPIC_API_KEY)',
    installHint: 'npm install -g @anthropic-ai/claude-code',
    killGraceSeconds: 5,
  },
  'codex-tui': {
    transport: 'pty',
    command: 'codex',
    // `codex "<prompt>"` opens the TUI on the prompt; it may edit the worktree and asks before anything else.
    args: ['--sandbox', 'workspace-write', '--ask-for-approval', 'on-request'],
    env: {},
    interactive: true,
    quitInput: '/quit\r',
    versionArgs: ['--version'],
    passEnv: ['OPENAI_*', 'CODEX_*', 'AZURE_OPENAI_*'],
    loginHint: 'Run `codex login` in a terminal (or set OPENAI_API_KEY)',
    installHint: 'npm install -g @openai/codex',
    killGraceSeconds: 5,
  },
  'gemini-tui': {
    transport: 'pty',
    command: 'gemini',
    // `--prompt-interactive` runs the prompt, then stays in the TUI.
    args: ['--approval-mode', 'auto_edit', '--prompt-interactive', '{prompt}'],
    env: {},
    interactive: true,
    quitInput: '/quit\r',
    versionArgs: ['--version'],
    passEnv: ['GEMINI_*', 'GOOGLE_*'],
    loginHint: 'Run `gemini` in a terminal once to sign in (or set GEMINI_API_KEY)',
    installHint: 'npm install -g @google/gemini-cli',
    killGraceSeconds: 5,
  },
  'opencode-tui': {
    transport: 'pty',
    command: 'opencode',
    args: ['--prompt', '{prompt}'],
    env: {},
    interactive: true,
    quitInput: '/exit\r',
    versionArgs: ['--version'],
    passEnv: ['OPENCODE_*', 'ANTHROPIC_*', 'OPENAI_*', 'GEMINI_*', 'OPENROUTER_*'],
    loginHint: 'Run `opencode auth login` in a terminal',
    installHint: 'npm install -g opencode-ai',
    killGraceSeconds: 5,
  },
};
