/**
 * Keeps secrets out of what leaves Switchboard or is kept for long (invariant 6): completion reports,
 * callback bodies, the audit trail, the host's logs. Two nets: the values Switchboard knows are secret
 * (its dispatchSecret, the host token, its own environment's keys and tokens), and the shapes secrets
 * have (API keys, bearer tokens, credentials in URLs, token=... parameters).
 */
import { isSecretEnvKey } from '../../shared/models/settings.js';

export const REDACTED = '[redacted]';

/** Shapes of secrets, whoever's they are. Each keeps its first group (the label) and hides the rest. */
const SHAPES: RegExp[] = [
  /(\b)sk-(?:ant-)?[A-Za-z0-9_-]{16,}/g, // Anthropic, OpenAI
  /(\b)(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, // GitHub
  /(\b)(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /(\b)xox[abprs]-[A-Za-z0-9-]{10,}/g, // Slack
  /(\b)AIza[0-9A-Za-z_-]{30,}/g, // Google API keys
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /(\bBasic\s+)[A-Za-z0-9+/=]{8,}/g,
  /(:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/g, // https://user:PASSWORD@host
  /([?&#](?:access_token|token|key|api_key|apikey|secret|password|signature|sig)=)[^&#\s"']+/gi,
  /("?(?:password|passwd|secret|api_?key|access_?token|auth_?token|client_?secret)"?\s*[:=]\s*"?)[^\s",}]{4,}/gi,
];

/** Fields of structured data whose names say they hold a secret. */
const SECRET_KEY = /^(password|passwd|secret|token|api_?key|access_?token|auth_?token|client_?secret|authorization|dispatchSecret|githubToken)$/i;

/** The values of the secret-named variables of an environment (long enough not to be words). */
export function secretEnvValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => isSecretEnvKey(name) && typeof value === 'string' && value.length >= 8)
    .map(([, value]) => value as string);
}

/** `text` with every known secret value (also in its JSON-escaped form) and every secret shape hidden. */
export function redactText(text: string, known: Iterable<string | null | undefined> = []): string {
  let out = text;
  const values = [...new Set([...known].filter((v): v is string => typeof v === 'string' && v.length >= 6))].sort((a, b) => b.length - a.length);
  for (const v of values) {
    for (const form of new Set([v, JSON.stringify(v).slice(1, -1)])) if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  for (const re of SHAPES) out = out.replace(re, (_m, label: string) => `${label}${REDACTED}`);
  return out;
}

export interface Redactor {
  text(text: string): string;
  /** A JSON-able value with every string in it redacted, and fields named like secrets hidden (audit data). */
  value<T>(value: T): T;
  /** Adds a secret learned later (the host's token). */
  add(secret: string): void;
}

export function createRedactor(known: () => Iterable<string | null | undefined> = () => []): Redactor {
  const added = new Set<string>();
  const all = () => [...known(), ...added];
  const redactor: Redactor = {
    text: (text) => redactText(text, all()),
    value<T>(value: T): T {
      const secrets = all();
      const walk = (v: unknown, key: string, depth: number): unknown => {
        if (typeof v === 'string') return SECRET_KEY.test(key) && v ? REDACTED : redactText(v, secrets);
        if (v == null || typeof v !== 'object' || depth > 32) return v;
        if (Array.isArray(v)) return v.map((x) => walk(x, key, depth + 1));
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k, depth + 1)]));
      };
      return walk(value, '', 0) as T;
    },
    add: (secret) => void added.add(secret),
  };
  return redactor;
}
