/**
 * What a user writes to point each built-in agent at a model server: the `env` of its config.json
 * entry, plus the config files those variables name (all inside the suite's own temp folder). The
 * base-URL variables and files are each CLI's documented ones (listed in the README section "Real
 * agents"). Quirks found on the way are commented where they are worked around.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const quiet = { DISABLE_TELEMETRY: '1', DISABLE_AUTOUPDATER: '1', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_ERROR_REPORTING: '1' };

function codexHome(root, url, name, policy, trusted = null) {
  const dir = join(root, `${name}-home`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.toml'),
    [
      'model = "gpt-5-codex"',
      'model_provider = "fake"',
      `approval_policy = "${policy.approval}"`,
      `sandbox_mode = "${policy.sandbox}"`,
      'check_for_update_on_startup = false',
      // The TUI asks once whether to trust a folder, and keeps the answer here; worktrees inherit it.
      ...(trusted ? [`[projects."${trusted}"]`, 'trust_level = "trusted"'] : []),
      '[model_providers.fake]',
      'name = "fake"',
      `base_url = "${url}/v1"`,
      'wire_api = "responses"',
      'env_key = "FAKE_OPENAI_KEY"',
      '',
    ].join('\n'),
  );
  return { CODEX_HOME: dir, FAKE_OPENAI_KEY: 'fake-key' };
}

/** env per agent name; `home` is the HOME every agent and Switchboard run with. */
export function agentEnvs({ root, home, url, project }) {
  mkdirSync(join(home, '.gemini'), { recursive: true });
  writeFileSync(
    join(home, '.gemini/settings.json'),
    JSON.stringify({
      security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: false } },
      privacy: { usageStatisticsEnabled: false },
      general: { disableAutoUpdate: true, disableUpdateNag: true },
      telemetry: { enabled: false },
    }),
  );
  // claude-agent-acp starts in its classifier-driven "auto" mode unless settings name another; "default"
  // makes it ask the client, so the permission step is exercised. (claude --print passes its own mode.)
  mkdirSync(join(home, '.claude'), { recursive: true });
  writeFileSync(join(home, '.claude/settings.json'), JSON.stringify({ permissions: { defaultMode: 'default' } }));
  // Claude's interactive TUI (claude-tui) asks three things once, and keeps the answers in ~/.claude.json:
  // the onboarding, whether to use ANTHROPIC_API_KEY (by its last 20 characters), and whether to trust
  // the folder. A user who ran `claude` once in the project has all three; its git worktrees inherit the trust.
  const key = 'sk-ant-fake';
  writeFileSync(
    join(home, '.claude.json'),
    JSON.stringify({ hasCompletedOnboarding: true, customApiKeyResponses: { approved: [key.slice(-20)], rejected: [] }, projects: { [project]: { hasTrustDialogAccepted: true } } }),
  );
  const opencodeConfig = join(root, 'opencode.json');
  const opencodeSettings = (permission) => ({
    $schema: 'https://opencode.ai/config.json',
    provider: { fake: { npm: '@ai-sdk/openai-compatible', name: 'Fake', options: { baseURL: `${url}/v1`, apiKey: 'fake-key' }, models: { 'fake-model': { name: 'Fake model', tool_call: true } } } },
    model: 'fake/fake-model',
    small_model: 'fake/fake-model',
    autoupdate: false,
    share: 'disabled',
    permission,
  });
  // Ask before edits, so the ACP permission request is exercised.
  writeFileSync(opencodeConfig, JSON.stringify(opencodeSettings({ edit: 'ask', bash: 'ask' })));
  // Its TUI asks in the TUI; the interactive steps type no answers, so edits are allowed there.
  const opencodeTuiConfig = join(root, 'opencode-tui.json');
  writeFileSync(opencodeTuiConfig, JSON.stringify(opencodeSettings({ edit: 'allow', bash: 'ask' })));
  const anthropic = { ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: key, HOME: home, ...quiet };
  return {
    claude: anthropic,
    'claude-tui': anthropic,
    'claude-acp': anthropic,
    // exec gets its sandbox from the built-in's args; the ACP adapter asks before every command. Its
    // Linux sandbox needs bubblewrap (`bwrap` on PATH: codex-acp 0.16 bundles none, @openai/codex
    // does), which a fresh machine lacks: an approved command then fails with "bubblewrap is
    // unavailable". Approval is what the suite tests, so the adapter runs approved commands unsandboxed.
    codex: { HOME: home, ...codexHome(root, url, 'codex', { approval: 'never', sandbox: 'workspace-write' }) },
    'codex-tui': { HOME: home, ...codexHome(root, url, 'codex-tui', { approval: 'on-request', sandbox: 'workspace-write' }, project) },
    'codex-acp': { HOME: home, ...codexHome(root, url, 'codex-acp', { approval: 'untrusted', sandbox: 'danger-full-access' }) },
    gemini: { HOME: home, GEMINI_API_KEY: 'fake-key', GOOGLE_GEMINI_BASE_URL: url, GEMINI_CLI_NO_RELAUNCH: 'true' },
    // Its TUI's folder-trust question is off through security.folderTrust in the settings above.
    'gemini-tui': { HOME: home, GEMINI_API_KEY: 'fake-key', GOOGLE_GEMINI_BASE_URL: url, GEMINI_CLI_NO_RELAUNCH: 'true' },
    opencode: { HOME: home, OPENCODE_CONFIG: opencodeConfig, OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_LSP_DOWNLOAD: 'true' },
    'opencode-tui': { HOME: home, OPENCODE_CONFIG: opencodeTuiConfig, OPENCODE_DISABLE_MODELS_FETCH: '1', OPENCODE_DISABLE_AUTOUPDATE: '1', OPENCODE_DISABLE_LSP_DOWNLOAD: 'true' },
  };
}
