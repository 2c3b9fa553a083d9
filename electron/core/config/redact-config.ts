/**
 * The config as it may leave the core: `dispatchSecret`, `githubToken` and every secret-looking agent env value
 * become `{ set }` markers. A new secret field in Config must be added here.
 */
import type { Config } from '../../../shared/models/config.js';
import { isSecretEnvKey, type RedactedAgent, type RedactedConfig } from '../../../shared/models/settings.js';

function redactAgent(agent: Config['agents'][string]): RedactedAgent {
  if (!agent.env) return agent;
  const env: Record<string, string | { set: boolean }> = {};
  for (const [key, value] of Object.entries(agent.env)) env[key] = isSecretEnvKey(key) ? { set: value.length > 0 } : value;
  return { ...agent, env };
}

export function redactConfig(config: Config): RedactedConfig {
  const agents: Record<string, RedactedAgent> = {};
  for (const [name, agent] of Object.entries(config.agents)) agents[name] = redactAgent(agent);
  return { ...config, dispatchSecret: { set: !!config.dispatchSecret }, githubToken: { set: !!config.githubToken }, agents };
}

