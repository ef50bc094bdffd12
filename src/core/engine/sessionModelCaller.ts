// The engine's side of ModelCaller: every model call a strategy makes goes through here.
// 1. The cache: a request bought before in this session is served from the journal for free.
// 2. Identical requests in flight at once are bought once and shared.
// 3. Otherwise the call is metered: each HTTP attempt reserved durably before it is sent and
//    settled after (see budget/meter.ts), and the completion is journaled for the cache.
// 4. Spent attempts that bought nothing usable (the call failed after spending, or attempts that
//    timed out before a retry got the answer) are journaled as `wasted`, with why.
import { createMeter } from '../budget/meter.ts';
import type { BudgetLedger, LedgerSnapshot } from '../budget/ledger.ts';
import type { AttemptMeter, AttemptOutcome, ChatClient, ChatRequest, ChatResult, ModelRole } from '../model/chat.ts';
import type { CompletedSettle } from '../journal/events.ts';
import type { LiveJournal } from '../session/liveJournal.ts';
import type { PromptRef } from '../samples/sample.ts';
import { scrubSecrets } from '../model/scrubSecrets.ts';
import { requestCacheKey } from '../strategies/requestKey.ts';
import type { CallReceipt, ReceiptModelCaller } from '../strategies/strategyRun.ts';

export interface SessionModelCallerOptions {
  readonly clients: Readonly<Record<ModelRole, ChatClient>>;
  readonly journal: LiveJournal;
  readonly ledger: BudgetLedger;
  readonly runId: string;
  readonly signal: AbortSignal;
  readonly attemptIds: () => string;
  readonly now: () => Date;
  /** When it returns an error, no further attempt is sent: beforeAttempt throws it, nothing is reserved. */
  readonly sendsStopped?: () => Error | null;
  /** Aborted when sendsStopped starts returning an error, so that calls waiting to send end too. */
  readonly sendsStoppedSignal?: AbortSignal;
  readonly onSpend: (ledger: LedgerSnapshot) => void;
  readonly onRetry: (role: ModelRole, outcome: Extract<AttemptOutcome, { kind: 'released' }>) => void;
  /**
   * Given each completion's append, which is not waited for here: the caller must watch it (a
   * rejection means the completion is not journaled) and wait for it before the run ends.
   * Without it a failed append goes unnoticed by the run (later appends to a failed file fail too).
   */
  readonly trackWrite?: (written: Promise<void>) => void;
}

export function createSessionModelCaller(options: SessionModelCallerOptions): ReceiptModelCaller {
  const inFlight = new Map<string, Promise<ChatResult>>();

  /** The result, and the completion's append (not waited for here: see below). */
  const buy = async (request: ChatRequest, cacheKey: string): Promise<{ result: ChatResult; written: Promise<void> }> => {
    const spent: AttemptOutcome[] = [];
    // Completed settles ride on the completion line (see meter.ts deferCompleted).
    const settles: CompletedSettle[] = [];
    const meter = observed(
      createMeter(options.ledger, options.journal, request.role, options.runId, options.attemptIds, {
        onChange: options.onSpend,
        now: () => options.now().toISOString(),
        deferCompleted: (settle) => settles.push(settle),
      }),
      options.sendsStopped ?? (() => null),
      options.sendsStoppedSignal,
      (outcome) => {
        if (outcome.kind === 'released') options.onRetry(request.role, outcome);
        else spent.push(outcome);
      },
    );
    let result: ChatResult;
    try {
      result = await options.clients[request.role].complete(request, meter, options.signal);
    } catch (error) {
      // No completion to carry them: a 200 whose body was no chat completion still bought it.
      await writeSettles(request.role, settles).catch(() => {});
      if (spent.length > 0) {
        const reason = scrubSecrets(error instanceof Error ? error.message : String(error));
        // Best effort: the call's own error is what the run must see, even if the journal is broken.
        await wasted(request.role, spent.length, reason).catch(() => {});
      }
      throw error;
    }
    // The answer came from the last spent attempt; any spent before it (timed out, broke) bought nothing.
    const lost = spent.slice(0, -1);
    if (lost.length > 0) await wasted(request.role, lost.length, `${lost.map(describeLost).join(', ')} before a retry got the answer`);
    // Appended in order but not waited on: the sample made from it is appended after it, so the
    // sample's durable append makes it durable too, and the completion, the sample and the
    // worker's next reserve share one write and one fsync instead of a round each. The caller
    // watches the append through trackWrite (the run stops on a failed one, as on a failed sample).
    const carried = settles.pop();
    await writeSettles(request.role, settles);
    const written = options.journal.append({ type: 'completion', at: options.now().toISOString(), cacheKey, role: request.role, result, ...(carried ? { settle: carried } : {}) });
    return { result, written };
  };

  const writeSettles = async (role: ModelRole, settles: readonly CompletedSettle[]): Promise<void> => {
    for (const { attemptId, outcome } of settles) await options.journal.append({ type: 'settle', at: options.now().toISOString(), attemptId, role, outcome });
  };

  const wasted = (role: ModelRole, attempts: number, reason: string): Promise<void> =>
    options.journal.append({ type: 'wasted', at: options.now().toISOString(), runId: options.runId, role, attempts, reason });

  const callWithReceipt = async (request: ChatRequest, _prompt: PromptRef): Promise<{ result: ChatResult; receipt: CallReceipt }> => {
    const cacheKey = requestCacheKey(request);
    const cached = options.journal.state.cache.get(cacheKey);
    if (cached) return { result: cached, receipt: { cacheKey, bought: false } };
    const sharing = inFlight.get(cacheKey);
    if (sharing) return { result: await sharing, receipt: { cacheKey, bought: false } };
    const purchase = buy(request, cacheKey);
    const result = purchase.then((bought) => bought.result);
    // Those sharing it see the rejection; this keeps an unshared one from being unhandled.
    result.catch(() => {});
    inFlight.set(cacheKey, result);
    let bought: { result: ChatResult; written: Promise<void> };
    try {
      bought = await purchase;
    } catch (error) {
      inFlight.delete(cacheKey);
      throw error;
    }
    // Shared until the completion is in the cache (the live journal applies it once written),
    // so an identical request asked meanwhile is never bought twice.
    const settled = bought.written.finally(() => inFlight.delete(cacheKey));
    if (options.trackWrite) options.trackWrite(settled);
    else settled.catch(() => {});
    return { result: bought.result, receipt: { cacheKey, bought: true } };
  };

  return {
    callWithReceipt,
    call: async (request, prompt) => (await callWithReceipt(request, prompt)).result,
  };
}

function describeLost(outcome: AttemptOutcome): string {
  if (outcome.kind !== 'uncertain') return 'an attempt ended without an answer';
  if (outcome.reason === 'timeout') return 'an attempt timed out';
  if (outcome.reason === 'aborted') return 'an attempt was aborted';
  return 'an attempt broke off';
}

function observed(meter: AttemptMeter, stopped: () => Error | null, stoppedSignal: AbortSignal | undefined, after: (outcome: AttemptOutcome) => void): AttemptMeter {
  return {
    ...(stoppedSignal ? { sendsStopped: stoppedSignal } : {}),
    beforeAttempt: () => {
      const refusal = stopped();
      return refusal ? Promise.reject(refusal) : meter.beforeAttempt();
    },
    async afterAttempt(outcome) {
      await meter.afterAttempt(outcome);
      after(outcome);
    },
  };
}
