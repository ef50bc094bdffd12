// The process the crash test kills: it opens a session through the real file journal and runs
// 16 concurrent "requests" through the real meter until the budget is spent, printing an
// acknowledgement after each durable append resolves:
//   R <attemptId>  the reserve is durable     S <attemptId>  the settle is durable
//   P <attemptId>  the sample is durable      OPEN {...}, RUN, DONE  progress
// Usage: node crashJournalChild.ts <session dir> <run id> <teacher limit>
import { createMeter, sequentialIds } from '../../src/core/budget/meter.ts';
import { BudgetExhaustedError } from '../../src/core/model/errors.ts';
import { beginRun } from '../../src/core/session/runs.ts';
import { openSession } from '../../src/node/sessionFolder.ts';
import { crashRunStart, crashSample, isReleased, outcomeFor } from './crashJournal.ts';

const [dirArg, runIdArg, limitText] = process.argv.slice(2);
if (!dirArg || !runIdArg || !limitText) throw new Error('usage: crashJournalChild.ts <dir> <runId> <limit>');
const dir: string = dirArg;
const runId: string = runIdArg;
// process.stdout on a pipe is synchronous on Linux: an acknowledgement is out before the next step.
const ack = (line: string) => process.stdout.write(line + '\n');

const session = await openSession(dir);
ack(`OPEN ${JSON.stringify({ tookOver: session.recovery.tookOverLock?.pid ?? null, truncated: session.recovery.repair.truncatedBytes, spent: session.ledger.role('teacher').spent })}`);
await beginRun(session.ledger, session.journal, crashRunStart(runId, Number(limitText)));
ack('RUN');

const ids = sequentialIds(runId);
async function worker(): Promise<void> {
  for (;;) {
    let attemptId = '';
    const meter = createMeter(session.ledger, session.journal, 'teacher', runId, () => (attemptId = ids()));
    try {
      await meter.beforeAttempt();
    } catch (err) {
      if (err instanceof BudgetExhaustedError) return;
      throw err;
    }
    ack(`R ${attemptId}`);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2)); // the HTTP request
    await meter.afterAttempt(outcomeFor(attemptId));
    ack(`S ${attemptId}`);
    if (isReleased(attemptId)) continue;
    // A plain (non-durable) completion, then the durable sample.
    void session.journal.append({ type: 'completion', at: new Date().toISOString(), cacheKey: attemptId, role: 'teacher', result: { content: 'c', refusal: null, finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 1 }, model: 't', requestId: null, attempts: 1, latencyMs: 1 } });
    await session.journal.append(crashSample(attemptId, runId), { durable: true });
    ack(`P ${attemptId}`);
  }
}

await Promise.all(Array.from({ length: 16 }, worker));
await session.journal.append({ type: 'run-end', at: new Date().toISOString(), runId, reason: 'budget' }, { durable: true });
await session.close();
ack('DONE');
