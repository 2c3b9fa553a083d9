import { open } from 'node:fs/promises';

/**
 * The store commits with synchronous=NORMAL: fast, and safe when the process crashes. Before a
 * dispatch file leaves the inbox its task must also survive a power loss: one fsync of the WAL file,
 * on the thread pool rather than the event loop, makes every commit made so far durable.
 */
export function createWalSync(dbFile: string): () => Promise<void> {
  const walFile = `${dbFile}-wal`;
  return async () => {
    let fh;
    try {
      fh = await open(walFile, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // not in WAL mode: commits were synced
      throw err;
    }
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  };
}
