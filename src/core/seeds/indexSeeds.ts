import { SeedIndexer } from './seedIndexer.ts';
import type { IndexSeedsOptions, SeedIndex } from './types.ts';

type Chunk = Uint8Array | string;

/**
 * Indexes a seed file given as a stream of chunks (a Node read stream, a web stream, an array):
 * bytes are UTF-8 and may split characters anywhere; strings are text.
 */
export async function indexSeeds(chunks: AsyncIterable<Chunk> | Iterable<Chunk>, options: IndexSeedsOptions = {}): Promise<SeedIndex> {
  const { signal } = options;
  signal?.throwIfAborted();
  const indexer = new SeedIndexer(options);
  if (!(Symbol.asyncIterator in chunks)) {
    for (const chunk of chunks) {
      signal?.throwIfAborted();
      indexer.push(chunk);
    }
    return indexer.finish();
  }
  const iterator = chunks[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<Chunk>> | undefined = iterator.next();
  try {
    for (;;) {
      const result: IteratorResult<Chunk> = await pending;
      pending = undefined;
      if (result.done) return indexer.finish();
      signal?.throwIfAborted();
      // Ask for the next chunk before indexing this one, so a file stream reads while we parse.
      pending = iterator.next();
      indexer.push(result.value);
    }
  } finally {
    if (pending) {
      pending.catch(() => undefined);
      await iterator.return?.();
    }
  }
}

/** Indexes text already in memory (an editor document), synchronously. */
export function indexSeedText(text: string, options: Omit<IndexSeedsOptions, 'signal'> = {}): SeedIndex {
  const indexer = new SeedIndexer(options);
  indexer.push(text);
  return indexer.finish();
}
