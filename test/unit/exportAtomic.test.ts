// Atomic writes: a reader sees the old file or the whole new one; a failure leaves no partial file
// and no temporary file behind.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildExport } from '../../src/core/export/buildExport.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import { nodeAtomicFs, writeFileAtomic, writeFilesAtomic, writeFilesAtomicTogether } from '../../src/node/atomicWrite.ts';
import type { AtomicFs } from '../../src/node/atomicWrite.ts';
import { lineagePathFor, writeExportFiles } from '../../src/node/exportFiles.ts';

const dirs: string[] = [];
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seedsmith-export-'));
  dirs.push(dir);
  return dir;
}

/** A file system whose writes fail after `okWrites` successful ones (a full disk, say). */
function failingFs(okWrites: number): AtomicFs & { writes: number } {
  const fs = {
    writes: 0,
    ...nodeAtomicFs,
    async create(file: string) {
      const handle = await nodeAtomicFs.create(file);
      return {
        ...handle,
        write: async (data: Uint8Array) => {
          if (fs.writes >= okWrites) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          fs.writes += 1;
          await handle.write(data);
        },
      };
    },
  };
  return fs;
}

function* lines(count: number, bytesEach: number): Iterable<string> {
  for (let i = 0; i < count; i++) yield `${String(i).padEnd(bytesEach - 1, 'x')}\n`;
}

describe('writeFilesAtomic', () => {
  it('writes the whole file and leaves no temporary file', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'out.jsonl');
    await writeFileAtomic(target, ['a\n', 'b\n']);
    assert.equal(await readFile(target, 'utf8'), 'a\nb\n');
    assert.deepEqual(await readdir(dir), ['out.jsonl']);
  });

  it('keeps the old file, whole, when the content fails half way', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'out.jsonl');
    await writeFile(target, 'old\n');
    function* failing(): Iterable<string> {
      yield* lines(3000, 1000);
      throw new Error('the exporter broke');
    }
    await assert.rejects(writeFileAtomic(target, failing()), /the exporter broke/);
    assert.equal(await readFile(target, 'utf8'), 'old\n');
    assert.deepEqual(await readdir(dir), ['out.jsonl']);
  });

  it('leaves no partial file when the disk fills up, and no new file when there was none', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'new.jsonl');
    const fs = failingFs(1);
    // 3 MB in 1 MB writes: the second write fails after the first reached the disk.
    await assert.rejects(writeFileAtomic(target, lines(3000, 1000), fs), /no space left/);
    assert.equal(fs.writes, 1);
    assert.deepEqual(await readdir(dir), []);
  });

  it('renames nothing when the second of two files fails', async () => {
    const dir = await tempDir();
    const first = path.join(dir, 'a.lineage.jsonl');
    const second = path.join(dir, 'a.jsonl');
    await writeFile(first, 'old lineage\n');
    await writeFile(second, 'old data\n');
    const fs = failingFs(1);
    await assert.rejects(writeFilesAtomic([{ path: first, content: ['new lineage\n'] }, { path: second, content: ['new data\n'] }], fs), /no space left/);
    assert.equal(await readFile(first, 'utf8'), 'old lineage\n');
    assert.equal(await readFile(second, 'utf8'), 'old data\n');
    assert.deepEqual((await readdir(dir)).sort(), ['a.jsonl', 'a.lineage.jsonl']);
  });
});

describe('writeFilesAtomicTogether', () => {
  it('makes the rows once and writes each column to its file, past several batches', async () => {
    const dir = await tempDir();
    const lineage = path.join(dir, 'a.lineage.jsonl');
    const data = path.join(dir, 'a.jsonl');
    let made = 0;
    function* rows(): Iterable<readonly string[]> {
      for (let i = 0; i < 3000; i++) {
        made += 1;
        yield [`${String(i).padEnd(999, 'l')}\n`, `${i}\n`];
      }
    }
    await writeFilesAtomicTogether([lineage, data], rows());
    assert.equal(made, 3000);
    assert.equal(await readFile(data, 'utf8'), Array.from({ length: 3000 }, (_, i) => `${i}\n`).join(''));
    const lineageText = await readFile(lineage, 'utf8');
    assert.equal(lineageText.length, 3000 * 1000);
    assert.ok(lineageText.startsWith(`${'0'.padEnd(999, 'l')}\n${'1'.padEnd(999, 'l')}\n`));
    assert.deepEqual((await readdir(dir)).sort(), ['a.jsonl', 'a.lineage.jsonl']);
  });

  it('keeps both old files, whole, when the rows fail half way', async () => {
    const dir = await tempDir();
    const lineage = path.join(dir, 'a.lineage.jsonl');
    const data = path.join(dir, 'a.jsonl');
    await writeFile(lineage, 'old lineage\n');
    await writeFile(data, 'old data\n');
    function* failing(): Iterable<readonly string[]> {
      for (let i = 0; i < 3000; i++) yield [`${String(i).padEnd(999, 'l')}\n`, `${i}\n`];
      throw new Error('an invalid line');
    }
    await assert.rejects(writeFilesAtomicTogether([lineage, data], failing()), /an invalid line/);
    assert.equal(await readFile(lineage, 'utf8'), 'old lineage\n');
    assert.equal(await readFile(data, 'utf8'), 'old data\n');
    assert.deepEqual((await readdir(dir)).sort(), ['a.jsonl', 'a.lineage.jsonl']);
  });
});

describe('writeExportFiles', () => {
  it('names the sidecar after the training file', () => {
    assert.equal(lineagePathFor('/x/train.jsonl'), '/x/train.lineage.jsonl');
    assert.equal(lineagePathFor('/x/train'), '/x/train.lineage.jsonl');
    assert.equal(lineagePathFor('/x/my.data.json'), '/x/my.data.lineage.jsonl');
  });

  it('refuses a build with invalid lines and writes nothing', async () => {
    const dir = await tempDir();
    const build = { ...buildExport(reduceJournal([]), { format: 'qa' }), problems: [{ sampleId: 's', seedLine: null, problem: 'bad' }] };
    await assert.rejects(writeExportFiles(path.join(dir, 't.jsonl'), build), /invalid lines/);
    assert.deepEqual(await readdir(dir), []);
  });
});
