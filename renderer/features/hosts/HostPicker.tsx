import type { HostInfo } from '../../../shared/models/host.js';

interface Props {
  id: string;
  /** A host's name, or '' for this machine. */
  value: string;
  onChange(host: string): void;
  hosts: HostInfo[];
}

/** Where a task runs, or where agents are detected: this machine or one of config.json's hosts (a native select, so keys work as usual). */
export function HostPicker({ id, value, onChange, hosts }: Props) {
  return (
    <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">This machine</option>
      {hosts.map((h) => (
        <option key={h.name} value={h.name}>
          {h.name} — {h.config.ssh}
        </option>
      ))}
    </select>
  );
}
