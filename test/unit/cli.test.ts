// `seedsmith` run as a real process, the way scripts and CI use it.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTempDir, writeBadSeedFile, writeSeedFile } from '../support/seedFixtures.ts';
import type { BadSeedFile } from '../support/seedFixtures.ts';
import { seedsmith as runSeedsmith } from '../support/engineCli.ts';

// The shared CLI runner (test/support/engineCli.ts), with the environment as the second argument.
const seedsmith = (args: readonly string[], env: Record<string, string> = {}) => runSeedsmith(args, { env });

const LOCATION = /^(.*):(\d+):(\d+): (warning: )?(.+)$/;

describe('seedsmith inspect', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let good: string;
  let bad: string;
  let badFile: BadSeedFile;

  before(async () => {
    dir = await makeTempDir();
    good = join(dir.path, 'good.jsonl');
    bad = join(dir.path, 'bad.jsonl');
    await writeSeedFile(good, { count: 200 }, { eol: '\r\n', bom: true });
    badFile = await writeBadSeedFile(bad);
  });
  after(async () => {
    await dir.remove();
  });

  it('summarises a good file and exits 0', async () => {
    const run = await seedsmith(['inspect', good]);
    assert.equal(run.code, 0, run.stderr);
    const [first, shape, lines] = run.stdout.trimEnd().split('\n');
    assert.equal(first, `${good}: 200 valid seeds, 0 bad lines, 0 warnings`);
    assert.match(shape ?? '', /^ {2}shape: question-answer \(question: question; answer: answer\)$/);
    assert.match(lines ?? '', /200 read, 0 blank/);
    assert.equal(run.stderr, '');
  });

  it('reports a line nested 5,000 levels deep at its line and column and uses the rest of the file', async () => {
    const deep = join(dir.path, 'deep.jsonl');
    const nested = `{"question": "q", "answer": "a", "x": ${'['.repeat(5000)}`;
    await writeFile(deep, `{"question": "one", "answer": "1"}\n${nested}\n{"question": "two", "answer": "2"}\n`);
    const run = await seedsmith(['inspect', deep]);
    assert.equal(run.code, 2, run.stderr);
    assert.equal(run.stdout.split('\n')[0], `${deep}: 2 valid seeds, 1 bad line, 0 warnings`);
    assert.match(run.stderr, new RegExp(`^${deep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:${nested.length + 1}: invalid JSON: the line ends before the array is closed`));
  });

  it('warns at line:col about bytes that are not UTF-8 and keeps the seed', async () => {
    const latin1 = join(dir.path, 'latin1.jsonl');
    await writeFile(latin1, Buffer.concat([Buffer.from('{"question": "ok", "answer": "1"}\n{"question": "caf'), Buffer.from([0xe9]), Buffer.from('?", "answer": "2"}\n')]));
    const run = await seedsmith(['inspect', latin1]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.split('\n')[0], `${latin1}: 2 valid seeds, 0 bad lines, 1 warning`);
    assert.match(run.stderr, /:2:18: warning: invalid UTF-8: /);
  });

  it('prints file:line:col for every bad line and warning on stderr and exits 2', async () => {
    const run = await seedsmith(['inspect', bad]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout.split('\n')[0], `${bad}: ${badFile.validLines.length} valid seeds, ${badFile.errors.length} bad lines, ${badFile.warnings.length} warning`);
    const reported = run.stderr.trimEnd().split('\n').map((line) => {
      const match = LOCATION.exec(line);
      assert.ok(match, `not a file:line:col line: ${line}`);
      return { file: match[1], line: Number(match[2]), column: Number(match[3]), warning: match[4] !== undefined, message: match[5] };
    });
    const expected = [
      ...badFile.errors.map((e) => ({ line: e.line, column: e.column, warning: false })),
      ...badFile.warnings.map((w) => ({ line: w.line, column: w.column, warning: true })),
    ].sort((a, b) => a.line - b.line);
    assert.deepEqual(reported.map(({ line, column, warning }) => ({ line, column, warning })), expected);
    for (const entry of reported) assert.equal(entry.file, bad);
    assert.ok(reported.some((r) => r.message === "invalid JSON: expected ',' or '}' after a value"));
    assert.ok(reported.some((r) => r.message === 'line is a JSON array, not an object'));
  });

  it('prints one JSON object with --json', async () => {
    const run = await seedsmith(['inspect', bad, '--json']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.trimEnd().split('\n').length, 1, 'one line of JSON');
    const result = JSON.parse(run.stdout);
    assert.equal(result.file, bad);
    assert.equal(result.shape, 'question-answer');
    assert.deepEqual(result.fields, { question: 'question', answer: 'answer' });
    assert.equal(result.valid, badFile.validLines.length);
    assert.deepEqual(
      result.errors.map((e: { line: number; column: number; code: string }) => ({ line: e.line, column: e.column, code: e.code })),
      badFile.errors.map((e) => ({ line: e.line, column: e.column, code: e.code })),
    );
    for (const error of result.errors) assert.equal(typeof error.message, 'string');
    assert.deepEqual(
      result.warnings.map((w: { line: number; column: number; code: string; relatedLine: number }) => ({ line: w.line, column: w.column, code: w.code, relatedLine: w.relatedLine })),
      badFile.warnings,
    );
    assert.equal(result.stats.lines, badFile.lines);
    assert.equal(result.stats.blank, badFile.blank);
    assert.equal(result.stats.invalid, badFile.errors.length);
  });

  it('exits 0 with --json on a good file (BOM and CRLF included)', async () => {
    const run = await seedsmith(['inspect', '--json', good]);
    assert.equal(run.code, 0);
    const result = JSON.parse(run.stdout);
    assert.deepEqual([result.valid, result.errors, result.warnings, result.stats.lines], [200, [], [], 200]);
  });

  it('exits 2 when no seed is valid', async () => {
    const empty = join(dir.path, 'empty.jsonl');
    await writeFile(empty, '\n\n');
    const run = await seedsmith(['inspect', empty]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no valid seed/);
  });

  it('reads fields named on the command line', async () => {
    const mapped = join(dir.path, 'mapped.jsonl');
    await writeFile(mapped, `${JSON.stringify({ data: { q: 'How many?', a: '#### 1' } })}\n`);
    const run = await seedsmith(['inspect', mapped, '--json', '--question-field', 'data.q', '--answer-field', 'data.a']);
    assert.equal(run.code, 0, run.stdout);
    const result = JSON.parse(run.stdout);
    assert.deepEqual([result.shape, result.fields, result.valid], ['mapping', { question: 'data.q', answer: 'data.a' }, 1]);
    const unmapped = await seedsmith(['inspect', mapped]);
    assert.equal(unmapped.code, 2);
    assert.match(unmapped.stderr, /:1:1: unknown shape/);
  });

  it('exits 2 with a message naming the file when it is missing or a folder', async () => {
    const missing = join(dir.path, 'nope.jsonl');
    const run = await seedsmith(['inspect', missing]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `seedsmith inspect: cannot read "${missing}": no such file.\n`);
    const folder = await seedsmith(['inspect', dir.path]);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /cannot read ".*": it is a folder, not a file\./);
    const json = await seedsmith(['inspect', missing, '--json']);
    assert.equal(json.code, 2);
    assert.deepEqual(JSON.parse(json.stdout), { error: { message: `seedsmith inspect: cannot read "${missing}": no such file.`, exitCode: 2 } });
  });
});

describe('seedsmith command line', () => {
  it('exits 2 on an unknown command, saying which, with usage', async () => {
    const run = await seedsmith(['frobnicate', 'x.jsonl']);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^seedsmith: unknown command "frobnicate"\.\n/);
    assert.match(run.stderr, /usage: seedsmith <command>/);
    assert.match(run.stderr, /inspect/);
    assert.match((await seedsmith(['inspct'])).stderr, /did you mean inspect\?/);
  });

  it('exits 2 on an unknown flag, naming it and the command', async () => {
    const run = await seedsmith(['inspect', 'x.jsonl', '--jsn']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^seedsmith inspect: unknown flag "--jsn" \(did you mean --json\?\)\.\n/);
    assert.match(run.stderr, /usage: seedsmith inspect <seeds\.jsonl>/);
    assert.equal((await seedsmith(['--frob'])).code, 2);
  });

  it('exits 2 on missing or extra arguments', async () => {
    for (const args of [[], ['inspect'], ['inspect', 'a.jsonl', 'b.jsonl'], ['inspect', 'a.jsonl', '--question-field'], ['inspect', 'a.jsonl', '--question-field', 'q']]) {
      const run = await seedsmith(args);
      assert.equal(run.code, 2, `seedsmith ${args.join(' ')}`);
      assert.match(run.stderr, /^seedsmith( inspect)?: .+\.\n/, run.stderr);
    }
  });

  it('prints usage with --help and the version with --version', async () => {
    const help = await seedsmith(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: seedsmith <command>/);
    const inspectHelp = await seedsmith(['inspect', '--help']);
    assert.equal(inspectHelp.code, 0);
    assert.match(inspectHelp.stdout, /--question-field PATH/);
    const version = await seedsmith(['--version']);
    const packageJson = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.deepEqual([version.code, version.stdout], [0, `${packageJson.version}\n`]);
  });
});
