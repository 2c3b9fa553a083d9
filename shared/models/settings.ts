/**
 * Settings as the contract carries them: the effective config with every secret replaced by a
 * marker (`{ set: true }`), and the patch a client sends to change config.json. A patch can set or
 * clear a secret but never read one back.
 */
import { z } from 'zod';
import { AgentOverride, Config } from './config.js';

/** Where a secret is: whether one is set, never its value. */
export const SecretMarker = z.object({ set: z.boolean() }).strict();
export type SecretMarker = z.infer<typeof SecretMarker>;

/**
 * Agent `env` keys whose values are secrets (API keys, tokens, passwords, auth): write-only everywhere.
 * The same names electron/core/redact.ts treats as secret, so nothing it hides is shown here.
 */
export const isSecretEnvKey = (key: string): boolean => /KEY|TOKEN|SECRET|PASSW|CREDENTIAL|AUTH/i.test(key);

export const AgentName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an agent name is letters, digits, ".", "-" or "_" (up to 64), starting with a letter or digit');
export const EnvKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name is letters, digits and "_", not starting with a digit');

/** A config.json `agents` entry as sent back: secret-looking env values are markers. */
export const RedactedAgent = AgentOverride.extend({ env: z.record(z.string(), z.union([z.string(), SecretMarker])) }).partial();
export type RedactedAgent = z.infer<typeof RedactedAgent>;

/** The effective config with `dispatchSecret` and secret env values replaced by markers. */
export const RedactedConfig = Config.extend({ dispatchSecret: SecretMarker, githubToken: SecretMarker, agents: z.record(z.string(), RedactedAgent) });
export type RedactedConfig = z.infer<typeof RedactedConfig>;

export const SettingsView = z.object({
  config: RedactedConfig,
  /** Why config.json was not loaded, if its last edit was invalid (the previous settings stay in force). */
  error: z.string().nullable(),
  /** Where the settings live. */
  file: z.string(),
  /** Changes whenever config.json does; send it back with an update to refuse to overwrite someone else's edit. */
  revision: z.string(),
  /** `serve --local-only` forces localOnly on whatever config.json says. */
  localOnlyForced: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

// ---- patches: a key left out is unchanged, null removes it (its default applies again) ----

type Unwrapped<S> = S extends z.ZodDefault<infer I> ? I : S;
type Clearable<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<z.ZodNullable<Unwrapped<S[K]>>> };

/** Every field optional and nullable, with defaults removed so a patch never fills in what it did not say. */
function clearable<S extends z.ZodRawShape>(shape: S): Clearable<S> {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : (schema as z.ZodType);
    out[key] = inner.nullable().optional();
  }
  return out as Clearable<S>;
}

const { env: _env, ...agentFields } = AgentOverride.shape;
/** Changes to one `agents` entry: fields replace (null removes), env merges key by key (null removes a key). */
export const AgentPatch = z
  .object({ ...clearable(agentFields), env: z.record(EnvKey, z.string().nullable()).optional() })
  .strict();
export type AgentPatch = z.infer<typeof AgentPatch>;

const { agents: _agents, dispatchSecret: _secret, githubToken: _token, ...plainFields } = Config.shape;
export const ConfigPatch = z
  .object({
    ...clearable(plainFields),
    /** A new secret, or null to remove it. There is no way to read it. */
    dispatchSecret: z.string().min(1, 'the secret is empty; clear it instead').nullable().optional(),
    /** A new GitHub token, or null to remove it. There is no way to read it. */
    githubToken: z.string().min(1, 'the token is empty; clear it instead').nullable().optional(),
    /** Per agent: changes to its entry, or null to remove the entry (a built-in goes back to its defaults). */
    agents: z.record(AgentName, AgentPatch.nullable()).optional(),
  })
  .strict();
export type ConfigPatch = z.infer<typeof ConfigPatch>;
export type ConfigPatchInput = z.input<typeof ConfigPatch>;
