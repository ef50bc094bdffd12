// Reading a journal back: a torn last line is tolerated and reported, anything else that is
// wrong is an error naming its line, and chunk boundaries make no difference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { classifyTail, JournalCorruptError, JournalParser, parseJournalText, readJournal } from '../../src/core/journal/parse.ts';

const at = '2025-03-01T12:00:00.000Z';
const reserve = (attemptId: string): JournalEvent => ({ type: 'reserve', at, attemptId, role: 'teacher', runId: 'r' });
const line = (e: unknown) => JSON.stringify(e) + '\n';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseJournalText', () => {
  it('ignores and reports a torn last line', () => {
    const whole = line(reserve('a')) + line(reserve('b'));
    const torn = JSON.stringify(reserve('c')).slice(0, 25);
    const { events, report } = parseJournalText(whole + torn);
    assert.deepEqual(events.map((e) => (e.type === 'reserve' ? e.attemptId : '')), ['a', 'b']);
    assert.deepEqual(report.tornTail, { line: 3, offset: bytes(whole).length, bytes: bytes(torn).length });
    assert.equal(report.cleanLength, bytes(whole).length);
    assert.equal(report.unterminatedTail, false);
    assert.equal(report.events, 2);
  });

  it('keeps a whole event that lacks only its newline', () => {
    const text = line(reserve('a')) + JSON.stringify(reserve('b'));
    const { events, report } = parseJournalText(text);
    assert.equal(events.length, 2);
    assert.equal(report.tornTail, null);
    assert.equal(report.unterminatedTail, true);
    assert.equal(report.cleanLength, bytes(text).length);
  });

  it('names the line of bad JSON, a non-event or bad UTF-8 anywhere but the end', () => {
    const good = line(reserve('a'));
    const cases: [string | Uint8Array, number, RegExp][] = [
      [good + '{"type":"reserve",\n' + good, 2, /line 2: is not valid JSON/],
      [good + good + line({ type: 'settle', attemptId: 'a', role: 'teacher', outcome: { kind: 'refunded' } }) + good, 3, /line 3: is not a journal event \(settle: outcome.kind/],
      [good + line([1, 2]) + good, 2, /not a JSON object/],
      [good + line({ type: 'reserve', attemptId: 'x', role: 'boss', runId: 'r' }), 2, /role must be/],
      [new Uint8Array([...bytes(good), 0xff, 0xfe, 0x0a, ...bytes(good)]), 2, /not valid UTF-8/],
    ];
    for (const [text, lineNo, pattern] of cases) {
      const parser = new JournalParser(() => {}, 'some/journal.jsonl');
      assert.throws(
        () => {
          parser.push(text);
          parser.end();
        },
        (err: unknown) => err instanceof JournalCorruptError && err.line === lineNo && pattern.test(err.message) && err.message.startsWith('some/journal.jsonl line'),
        String(pattern),
      );
    }
  });

  it('tolerates a BOM, CRLF line ends and blank lines; skips unknown event types with a warning', () => {
    const text = '\ufeff' + JSON.stringify(reserve('a')) + '\r\n\r\n' + '   \n' + line({ type: 'telemetry', x: 1 }) + line(reserve('b'));
    const { events, report } = parseJournalText(text);
    assert.deepEqual(events.map((e) => (e.type === 'reserve' ? e.attemptId : '')), ['a', 'b']);
    assert.deepEqual(report.warnings, [{ line: 4, message: 'skipped an event of unknown type "telemetry" (written by a newer SeedSmith?)' }]);
    assert.equal(report.tornTail, null);
  });

  it('gives the same events whatever the chunk boundaries, including inside a multi-byte character', async () => {
    const events: JournalEvent[] = [reserve('a'), { type: 'decision', at, sampleId: 'é✓🙂', decision: 'reject', reason: 'naïve — “quotes”\nnewline', source: 'cli' }, reserve('c')];
    const whole = bytes(events.map(line).join('') + '{"type":"res');
    for (const size of [1, 2, 3, 7, 64, whole.length]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size));
      const seen: [JournalEvent, number][] = [];
      const report = await readJournal((async function* () { yield* chunks; })(), (e, n) => void seen.push([e, n]));
      assert.deepEqual(seen.map(([e]) => e), events, `chunk size ${size}`);
      assert.deepEqual(seen.map(([, n]) => n), [1, 2, 3]);
      assert.equal(report.tornTail?.line, 4);
      assert.equal(report.tornTail?.bytes, 12);
    }
  });

  it('an empty journal is empty, and a journal that is only a torn line is all torn', () => {
    assert.deepEqual(parseJournalText('').report, { events: 0, cleanLength: 0, tornTail: null, unterminatedTail: false, warnings: [] });
    assert.deepEqual(parseJournalText('{"ty').report.tornTail, { line: 1, offset: 0, bytes: 4 });
  });
});

describe('classifyTail', () => {
  it('keeps whole events (known or not) and cuts anything else', () => {
    assert.equal(classifyTail(bytes(JSON.stringify(reserve('a'))), false), 'keep');
    assert.equal(classifyTail(bytes('{"type":"future-thing"}'), false), 'keep');
    assert.equal(classifyTail(bytes('\ufeff' + JSON.stringify(reserve('a'))), true), 'keep');
    assert.equal(classifyTail(bytes(JSON.stringify(reserve('a')).slice(0, -1)), false), 'torn');
    assert.equal(classifyTail(bytes('{"type":"reserve"}'), false), 'torn', 'a reserve without its fields is not whole');
    assert.equal(classifyTail(bytes('  \r'), false), 'torn');
    assert.equal(classifyTail(new Uint8Array([0x7b, 0xe2, 0x9c]), false), 'torn');
  });
});
