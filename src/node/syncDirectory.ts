import { open } from 'node:fs/promises';

/**
 * Makes a folder's entries durable: a new or renamed file's name is only on stable storage once
 * its folder is fsync'd (POSIX). Windows cannot open a folder to fsync it; NTFS journals the
 * entry itself, so there it does nothing.
 */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // see above
  }
}
