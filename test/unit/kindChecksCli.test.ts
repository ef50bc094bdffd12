// Issue 10: wrong-shape answers are flagged by the kind's check and right ones pass, through the
// real pipeline: `seedsmith generate` against the test teacher (answering in the examples' shape,
// or in the wrong shape with wrongShapeRate: 1), then `seedsmith check --json`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AnswerKind } from '../../src/core/profile/index.ts';
import { seedsmith, seedsmithHereJson } from '../support/engineCli.ts';
import { writeKindFixtures } from '../support/kindFixtures.ts';
import { makeTempDir } from '../support/seedFixtures.ts';
import { startTestTeacher } from '../teacher/server.ts';
import type { TestTeacher } from '../teacher/server.ts';

type Counts = Record<'pass' | 'fail' | 'warn' | 'n/a', number>;
interface CheckJson {
  samples: number;
  checks: Record<string, Counts>;
  problems: { id: string; check: string; status: string; detail: string }[];
}

/** The check of each kind that judges the answer's shape. */
const SHAPE_CHECK: Readonly<Record<AnswerKind, string>> = {
  numeric: 'numeric-marker',
  label: 'label-in-set',
  json: 'json-parses',
  sql: 'sql-parses',
  code: 'code-block',
  text: 'text-length',
};

describe('checks per answer kind through generate and check (real CLI, test teacher)', () => {
  let dir: { path: string; remove: () => Promise<void> };
  let teacher: TestTeacher;
  let files: Record<AnswerKind, string>;

  before(async () => {
    dir = await makeTempDir();
    files = await writeKindFixtures(dir.path);
    teacher = await startTestTeacher({ seed: 5 });
  });
  after(async () => {
    await teacher?.close();
    await dir?.remove();
  });

  for (const kind of ['numeric', 'label', 'json', 'sql', 'code', 'text'] as const) {
    for (const wrongShape of [false, true]) {
      it(`${kind}: ${wrongShape ? 'wrong-shape answers fail' : 'answers in the right shape pass'} ${SHAPE_CHECK[kind]}`, async () => {
        teacher.configure({ wrongShapeRate: wrongShape ? 1 : 0 });
        const session = join(dir.path, `session-${kind}-${wrongShape ? 'wrong' : 'right'}`);
        const run = await seedsmith(['generate', files[kind], '--budget', '5', '--strategy', 'answer-augmentation', '--teacher-model', 't', '--session', session, '--json'], {
          env: { OPENAI_API_KEY: 'sk-kind-checks', OPENAI_BASE_URL: teacher.url },
        });
        assert.equal(run.code, 0, run.stderr + run.stdout);
        const report = await seedsmithHereJson<CheckJson>(['check', '--session', session, '--seeds', files[kind]]);
        assert.equal(report.samples, 5);
        const counts = report.checks[SHAPE_CHECK[kind]]!;
        if (wrongShape && kind === 'numeric') {
          // A worked answer whose last line is not "#### x" (its prose may still say "the answer is x"): flagged, never passed.
          assert.equal(counts.pass, 0, JSON.stringify(counts));
          assert.equal(counts.fail + counts.warn, 5, JSON.stringify(counts));
        } else if (wrongShape) {
          assert.equal(counts.fail, 5, `${JSON.stringify(counts)} ${JSON.stringify(report.problems.slice(0, 3))}`);
        } else {
          assert.equal(counts.pass, 5, `${JSON.stringify(counts)} ${JSON.stringify(report.problems.slice(0, 3))}`);
          // A right answer of a one-answer kind is never a failing duplicate of its seed's gold.
          assert.equal(report.checks.duplicate!.fail, 0, JSON.stringify(report.problems));
        }
        if (kind !== 'numeric') assert.equal(report.checks['gold-match']!['n/a'], 5, 'gold-match compares numbers only for numeric seeds');
      });
    }
  }
  after(() => teacher?.configure({ wrongShapeRate: 0 }));
});
