// A seed file as a stream of chunks for the core, with file-system failures (missing file,
// no permission, a folder) turned into bad-input errors that say which file and why.
import { open } from 'node:fs/promises';
import { InputError } from './cliErrors.ts';

const CHUNK_BYTES = 1 << 20;

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && REASONS[code]) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

function cannotRead(command: string, path: string, error: unknown): InputError {
  return new InputError(`${command}: cannot read "${path}": ${reason(error)}.`);
}

/**
 * Opens `path` now (so a missing file is reported before any output) and streams it in 1 MiB
 * chunks. `command` names who is reading, for the message.
 */
export async function readFileChunks(command: string, path: string): Promise<AsyncIterable<Uint8Array>> {
  let handle;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  } catch (error) {
    await handle?.close();
    throw cannotRead(command, path, error);
  }
  const stream = handle.createReadStream({ highWaterMark: CHUNK_BYTES });
  return (async function* chunks() {
    // Errors thrown by the consumer do not pass through here; only reading errors do.
    try {
      for await (const chunk of stream) yield chunk as Uint8Array;
    } catch (error) {
      throw cannotRead(command, path, error);
    } finally {
      stream.destroy();
    }
  })();
}
