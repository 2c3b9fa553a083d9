/** What a person needs to see of an ACP tool call: the files it touches and the command it runs. */
export function toolCallFacts(toolCall: Record<string, unknown>): { locations: string[]; command: string | null } {
  const locations = Array.isArray(toolCall.locations)
    ? toolCall.locations.flatMap((l) => {
        const loc = l as { path?: unknown; line?: unknown };
        return typeof loc?.path === 'string' ? [typeof loc.line === 'number' ? `${loc.path}:${loc.line}` : loc.path] : [];
      })
    : [];
  const raw = toolCall.rawInput as Record<string, unknown> | undefined;
  const command = raw && typeof raw.command === 'string' ? [raw.command, ...(Array.isArray(raw.args) ? raw.args.map(String) : [])].join(' ') : null;
  return { locations: [...new Set(locations)], command };
}
