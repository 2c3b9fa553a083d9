/**
 * `<home>/server.json`: how the CLI (and anything else local) finds a running instance.
 * Written atomically with mode 0600 because it holds the bearer token; removed on a clean stop.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { z } from 'zod';

export const ServerInfo = z.object({
  url: z.string(),
  port: z.number().int(),
  token: z.string().min(1),
  pid: z.number().int(),
});
export type ServerInfo = z.infer<typeof ServerInfo>;

/** `GET /health` answers `{ ok, pid, version }` without a token (electron/host/create-host.ts). */
export const HEALTH_PATH = '/health';

/** Temp file + fsync + rename, so a reader sees the old file or the new one, never half of one. */
export function writeServerInfo(file: string, info: ServerInfo): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** The recorded server, or null when there is no file. A damaged file also reads as null (it is only a hint). */
export function readServerInfo(file: string): ServerInfo | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = ServerInfo.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes server.json only if it is still ours (same pid and token), so a stop never erases another instance's file. */
export function removeServerInfo(file: string, mine: Pick<ServerInfo, 'pid' | 'token'>): void {
  const current = readServerInfo(file);
  if (current && (current.pid !== mine.pid || current.token !== mine.token)) return;
  rmSync(file, { force: true });
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The recorded server if its process is alive; a stale file (dead pid) reads as null. */
export function findLiveServer(file: string): ServerInfo | null {
  const info = readServerInfo(file);
  return info && isPidAlive(info.pid) ? info : null;
}
