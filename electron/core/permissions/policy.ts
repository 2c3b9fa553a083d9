/**
 * The permission policy (config `permissionPolicy`, overridden per project): which requests are
 * answered without asking. Options are always chosen by their kind, never by a hard-coded optionId.
 */
import type { PermissionPolicy } from '../../../shared/models/config.js';
import type { PermissionOption, PermissionOptionKind } from '../../../shared/models/permission.js';

/** Tool kinds that only look: `allow-reads` lets these through. */
export const READ_TOOL_KINDS: readonly string[] = ['read', 'search', 'think'];

/** The first option of the first kind in `preference` that the request offers. */
export function pickOption(options: readonly PermissionOption[], preference: readonly PermissionOptionKind[]): PermissionOption | null {
  for (const kind of preference) {
    const found = options.find((o) => o.kind === kind);
    if (found) return found;
  }
  return null;
}

/** Allow, preferring the one-off grant so the agent's own standing rules stay untouched. */
export const ALLOW_PREFERENCE: readonly PermissionOptionKind[] = ['allow_once', 'allow_always'];
export const REJECT_PREFERENCE: readonly PermissionOptionKind[] = ['reject_once', 'reject_always'];

/** The option the policy picks for a tool call of `toolKind`, or null when a person must decide. */
export function autoDecision(policy: PermissionPolicy, toolKind: string | null, options: readonly PermissionOption[]): PermissionOption | null {
  if (policy === 'allow-all') return pickOption(options, ALLOW_PREFERENCE);
  if (policy === 'allow-reads' && toolKind && READ_TOOL_KINDS.includes(toolKind)) return pickOption(options, ALLOW_PREFERENCE);
  return null;
}

/**
 * Resolves what a person typed (`switchboard allow ID [OPTION]`) to an option: an exact optionId, a
 * kind (allow_once...), or a short word (once, always, allow, reject, deny). Default: allow.
 */
export function resolveOptionChoice(options: readonly PermissionOption[], choice?: string): PermissionOption | null {
  const c = (choice ?? 'allow').trim();
  const exact = options.find((o) => o.optionId === c);
  if (exact) return exact;
  const words: Record<string, readonly PermissionOptionKind[]> = {
    allow: ALLOW_PREFERENCE,
    yes: ALLOW_PREFERENCE,
    once: ['allow_once'],
    always: ['allow_always'],
    reject: REJECT_PREFERENCE,
    deny: REJECT_PREFERENCE,
    no: REJECT_PREFERENCE,
    never: ['reject_always'],
  };
  const kinds = words[c.toLowerCase()] ?? (options.some((o) => o.kind === c) ? [c as PermissionOptionKind] : null);
  return kinds ? pickOption(options, kinds) : null;
}
