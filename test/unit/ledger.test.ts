// The budget ledger and the meter: the limit holds at any concurrency, released attempts give
// their slot back, limits only rise, spend never drops, and the journal sees spend first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BudgetLedger, MODEL_ROLES } from '../../src/core/budget/ledger.ts';
import type { LedgerSnapshot } from '../../src/core/budget/ledger.ts';
import { createMeter, sequentialIds } from '../../src/core/budget/meter.ts';
import { ledgerFromState } from '../../src/core/budget/rebuild.ts';
import type { JournalEvent } from '../../src/core/journal/events.ts';
import { MemoryJournal } from '../../src/core/journal/memorySink.ts';
import { reduceJournal } from '../../src/core/journal/reduce.ts';
import type { AppendOptions, JournalSink } from '../../src/core/journal/sink.ts';
import type { AttemptOutcome, ModelRole } from '../../src/core/model/chat.ts';
import { BudgetExhaustedError } from '../../src/core/model/errors.ts';
import { createRng } from '../teacher/rng.ts';
import type { Rng } from '../teacher/rng.ts';

const COMPLETED: AttemptOutcome = { kind: 'completed', status: 200 };
const UNCERTAIN: AttemptOutcome = { kind: 'uncertain', reason: 'timeout' };
const RELEASED: AttemptOutcome = { kind: 'released', status: 429, reason: 'rate limited' };

describe('BudgetLedger', { timeout: 10_000 }, () => {
  it('reserves up to the limit and refuses the next one', () => {
    const ledger = BudgetLedger.withLimits({ teacher: 3, augmenter: 1 });
    assert.equal(ledger.tryReserve('teacher', 'a'), true);
    assert.equal(ledger.tryReserve('teacher', 'b'), true);
    assert.equal(ledger.tryReserve('teacher', 'c'), true);
    assert.equal(ledger.tryReserve('teacher', 'd'), false, 'the fourth would pass the limit');
    assert.equal(ledger.tryReserve('augmenter', 'e'), true, 'roles have separate limits');
    assert.equal(ledger.tryReserve('augmenter', 'f'), false);
    assert.deepEqual(ledger.role('teacher'), { limit: 3, spent: 0, completed: 0, uncertain: 0, reserved: 3, released: 0, remaining: 0 });
  });

  it('counts completed and uncertain as spent, and gives a released slot back as a retry', () => {
    const ledger = BudgetLedger.withLimits({ teacher: 2, augmenter: 0 });
    assert.ok(ledger.tryReserve('teacher', 'a'));
    assert.ok(ledger.tryReserve('teacher', 'b'));
    ledger.settle('a', RELEASED);
    assert.deepEqual(ledger.role('teacher'), { limit: 2, spent: 0, completed: 0, uncertain: 0, reserved: 1, released: 1, remaining: 1 });
    assert.ok(ledger.tryReserve('teacher', 'c'), 'the released slot is free again');
    ledger.settle('b', COMPLETED);
    ledger.settle('c', UNCERTAIN);
    assert.deepEqual(ledger.role('teacher'), { limit: 2, spent: 2, completed: 1, uncertain: 1, reserved: 0, released: 1, remaining: 0 });
    assert.equal(ledger.tryReserve('teacher', 'd'), false);
    assert.equal(ledger.tryReserve('augmenter', 'x'), false, 'a zero limit allows nothing');
  });

  it('cancel frees a slot without counting a retry; misuse of ids throws', () => {
    const ledger = BudgetLedger.withLimits({ teacher: 1, augmenter: 1 });
    assert.ok(ledger.tryReserve('teacher', 'a'));
    assert.throws(() => ledger.tryReserve('augmenter', 'a'), /already reserved/);
    ledger.cancel('a');
    assert.deepEqual(ledger.role('teacher'), { limit: 1, spent: 0, completed: 0, uncertain: 0, reserved: 0, released: 0, remaining: 1 });
    assert.throws(() => ledger.settle('a', COMPLETED), /not reserved/);
    assert.ok(ledger.tryReserve('teacher', 'b'));
    ledger.settle('b', COMPLETED);
    assert.throws(() => ledger.settle('b', COMPLETED), /settled twice/);
    assert.equal(ledger.role('teacher').spent, 1);
  });

  it('raises limits but never lowers them, and spend never drops', () => {
    const ledger = new BudgetLedger({ teacher: { limit: 2, completed: 2 }, augmenter: { limit: 5, uncertain: 1, released: 3 } });
    assert.equal(ledger.tryReserve('teacher', 'a'), false);
    ledger.raiseLimits({ teacher: 4 });
    assert.ok(ledger.tryReserve('teacher', 'a'));
    ledger.raiseLimits({ teacher: 1, augmenter: 2 });
    assert.equal(ledger.role('teacher').limit, 4, 'a lower limit is ignored');
    assert.equal(ledger.role('augmenter').limit, 5);
    assert.equal(ledger.role('teacher').spent, 2);
    assert.deepEqual(ledger.role('augmenter'), { limit: 5, spent: 1, completed: 0, uncertain: 1, reserved: 0, released: 3, remaining: 4 });
    assert.throws(() => ledger.raiseLimits({ teacher: -1 }), RangeError);
    assert.throws(() => new BudgetLedger({ teacher: { limit: 1.5 }, augmenter: { limit: 0 } }), RangeError);
  });

  it('never over-reserves under a seeded storm of reserves, settles, cancels and raises', () => {
    for (let seed = 1; seed <= 40; seed++) storm(seed, 1500);
  });
});

/** Random operations against the ledger and an independent tally; the invariants hold after every step. */
function storm(seed: number, steps: number): void {
  const rng = createRng(seed);
  const limits = { teacher: rng.int(0, 30), augmenter: rng.int(0, 30) };
  const ledger = BudgetLedger.withLimits(limits);
  const inFlight = new Map<string, ModelRole>();
  const model = { teacher: { spent: 0, released: 0, limit: limits.teacher }, augmenter: { spent: 0, released: 0, limit: limits.augmenter } };
  let lastSpent = { teacher: 0, augmenter: 0 };
  let next = 0;
  for (let step = 0; step < steps; step++) {
    const op = rng.next();
    const where = `seed ${seed} step ${step}`;
    if (op < 0.5) {
      const role = rng.pick(MODEL_ROLES);
      const id = `a${next++}`;
      const free = model[role].limit - model[role].spent - countRole(inFlight, role);
      const ok = ledger.tryReserve(role, id);
      assert.equal(ok, free > 0, `${where}: reserve when ${free} free`);
      if (ok) inFlight.set(id, role);
    } else if (op < 0.93 && inFlight.size > 0) {
      const id = rng.pick([...inFlight.keys()]);
      const role = inFlight.get(id)!;
      inFlight.delete(id);
      const outcome = rng.pick([COMPLETED, UNCERTAIN, RELEASED, RELEASED]);
      assert.equal(ledger.settle(id, outcome), role);
      if (outcome.kind === 'released') model[role].released += 1;
      else model[role].spent += 1;
    } else if (op < 0.96 && inFlight.size > 0) {
      const id = rng.pick([...inFlight.keys()]);
      ledger.cancel(id);
      inFlight.delete(id);
    } else {
      const role = rng.pick(MODEL_ROLES);
      const limit = rng.int(0, 40);
      ledger.raiseLimits({ [role]: limit });
      model[role].limit = Math.max(model[role].limit, limit);
    }
    const snap = ledger.snapshot();
    for (const role of MODEL_ROLES) {
      const r = snap[role];
      assert.ok(r.spent + r.reserved <= r.limit, `${where}: ${role} spent ${r.spent} + reserved ${r.reserved} > limit ${r.limit}`);
      assert.equal(r.spent, r.completed + r.uncertain);
      assert.equal(r.spent, model[role].spent, `${where}: ${role} spent`);
      assert.equal(r.reserved, countRole(inFlight, role), `${where}: ${role} reserved`);
      assert.equal(r.released, model[role].released);
      assert.equal(r.limit, model[role].limit);
      assert.equal(r.remaining, r.limit - r.spent - r.reserved);
      assert.ok(r.spent >= lastSpent[role], `${where}: ${role} spend went down`);
    }
    lastSpent = { teacher: snap.teacher.spent, augmenter: snap.augmenter.spent };
  }
}

const countRole = (m: ReadonlyMap<string, ModelRole>, role: ModelRole) => [...m.values()].filter((r) => r === role).length;

/** A journal whose appends resolve after a random delay, to shake out ordering assumptions. */
class SlowJournal implements JournalSink {
  readonly events: JournalEvent[] = [];
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
  }
  async append(event: JournalEvent, _opts?: AppendOptions): Promise<void> {
    this.events.push(event);
    await delay(this.rng.int(0, 2));
  }
  async close(): Promise<void> {}
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('createMeter', { timeout: 10_000 }, () => {
  it('lets no more requests reach the endpoint than the limit, with 64 concurrent callers retrying', async () => {
    for (const seed of [7, 8, 9]) {
      const rng = createRng(seed);
      const limit = 100;
      const ledger = BudgetLedger.withLimits({ teacher: limit, augmenter: 0 });
      const journal = new SlowJournal(rng);
      const ids = sequentialIds(`run${seed}`);
      const endpoint = { inFlight: 0, reached: 0, billed: 0, maxSpentPlusInFlight: 0 };
      let exhausted = 0;
      let spentSeen = 0;
      const onChange = (snap: LedgerSnapshot) => {
        assert.ok(snap.teacher.spent >= spentSeen, 'the listener never sees spend go down');
        spentSeen = snap.teacher.spent;
      };
      // One chat call: up to 3 attempts, like the SDK's retries.
      const call = async () => {
        const meter = createMeter(ledger, journal, 'teacher', `run${seed}`, ids, { onChange });
        for (let attempt = 0; attempt < 3; attempt++) {
          await meter.beforeAttempt();
          endpoint.reached += 1;
          endpoint.inFlight += 1;
          endpoint.maxSpentPlusInFlight = Math.max(endpoint.maxSpentPlusInFlight, endpoint.billed + endpoint.inFlight);
          await delay(rng.int(0, 3));
          const outcome = rng.pick([COMPLETED, COMPLETED, UNCERTAIN, RELEASED]);
          endpoint.inFlight -= 1;
          if (outcome.kind !== 'released') endpoint.billed += 1;
          await meter.afterAttempt(outcome);
          if (outcome.kind !== 'released') return;
        }
      };
      const worker = async () => {
        for (;;) {
          try {
            await call();
          } catch (err) {
            assert.ok(err instanceof BudgetExhaustedError, String(err));
            assert.equal(err.role, 'teacher');
            exhausted += 1;
            return;
          }
        }
      };
      await Promise.all(Array.from({ length: 64 }, worker));
      const snap = ledger.role('teacher');
      assert.equal(exhausted, 64, 'every worker ends on the budget');
      assert.equal(snap.spent, limit, 'the whole budget is used');
      assert.equal(endpoint.billed, limit, 'billed requests are exactly the limit');
      assert.ok(endpoint.maxSpentPlusInFlight <= limit, `at most ${limit} billable requests out at once (${endpoint.maxSpentPlusInFlight})`);
      assert.equal(endpoint.reached, limit + snap.released, 'everything that reached the endpoint is spend or a counted retry');
      assert.equal(snap.reserved, 0);
      // The journal adds up to the same ledger.
      const state = reduceJournal(journal.events);
      assert.equal(state.budget.teacher.spent, snap.spent);
      assert.equal(state.budget.teacher.released, snap.released);
      assert.equal(state.budget.teacher.unsettled, 0);
      assert.equal(spentSeen, limit);
    }
  });

  it('writes the reserve durably before the attempt may go out', async () => {
    const journal = new MemoryJournal();
    const ledger = BudgetLedger.withLimits({ teacher: 1, augmenter: 1 });
    const meter = createMeter(ledger, journal, 'augmenter', 'r1', () => 'att-1', { now: () => 'T' });
    await meter.beforeAttempt();
    assert.deepEqual(journal.events, [{ type: 'reserve', at: 'T', attemptId: 'att-1', role: 'augmenter', runId: 'r1' }]);
    assert.equal(journal.durableCount, 1);
    await meter.afterAttempt(COMPLETED);
    assert.deepEqual(journal.events[1], { type: 'settle', at: 'T', attemptId: 'att-1', role: 'augmenter', outcome: COMPLETED });
    // A completed settle need not wait for fsync: lost in a crash, its reserve counts as spent anyway.
    assert.equal(journal.durableCount, 1);
    await assert.rejects(meter.beforeAttempt(), (err: unknown) => err instanceof BudgetExhaustedError && /augmenter budget of 1 queries/.test(err.message));
    assert.equal(journal.events.length, 2, 'a refused attempt writes nothing');
  });

  it('writes a released settle durably (the slot it frees must not be given twice)', async () => {
    const journal = new MemoryJournal();
    const ledger = BudgetLedger.withLimits({ teacher: 1, augmenter: 0 });
    const meter = createMeter(ledger, journal, 'teacher', 'r1', () => 'att-1', { now: () => 'T' });
    await meter.beforeAttempt();
    await meter.afterAttempt({ kind: 'released', status: 429, reason: 'rate limited' });
    assert.equal(journal.durableCount, 2);
  });

  it('does not free a released slot until its settle is in the journal', async () => {
    let unblock: () => void = () => {};
    const gate = new Promise<void>((resolve) => (unblock = resolve));
    const events: JournalEvent[] = [];
    const journal: JournalSink = {
      append: async (event) => {
        events.push(event);
        if (event.type === 'settle') await gate;
      },
      close: async () => {},
    };
    const ledger = BudgetLedger.withLimits({ teacher: 1, augmenter: 0 });
    const changes: number[] = [];
    const meter = createMeter(ledger, journal, 'teacher', 'r', sequentialIds('r'), { onChange: (s) => changes.push(s.teacher.released) });
    await meter.beforeAttempt();
    const settling = meter.afterAttempt(RELEASED);
    await delay(1);
    assert.equal(ledger.tryReserve('teacher', 'other'), false, 'slot still held while the settle is being written');
    assert.deepEqual(changes, [], 'nothing shown before the journal has it');
    unblock();
    await settling;
    assert.deepEqual(changes, [1]);
    assert.equal(ledger.tryReserve('teacher', 'other'), true);
  });

  it('gives the slot back and sends nothing when the reserve cannot be written', async () => {
    const journal: JournalSink = { append: async () => Promise.reject(new Error('disk full')), close: async () => {} };
    const ledger = BudgetLedger.withLimits({ teacher: 1, augmenter: 0 });
    const meter = createMeter(ledger, journal, 'teacher', 'r', sequentialIds('r'));
    await assert.rejects(meter.beforeAttempt(), /disk full/);
    assert.deepEqual(ledger.role('teacher'), { limit: 1, spent: 0, completed: 0, uncertain: 0, reserved: 0, released: 0, remaining: 1 });
    await assert.rejects(meter.afterAttempt(COMPLETED), /without a reserved attempt/);
  });

  it('keeps a released attempt as spent when its settle cannot be written (the journal says so too)', async () => {
    let failSettle = false;
    const journal: JournalSink = {
      append: async (event) => {
        if (failSettle && event.type === 'settle') throw new Error('disk full');
      },
      close: async () => {},
    };
    const ledger = BudgetLedger.withLimits({ teacher: 2, augmenter: 0 });
    const meter = createMeter(ledger, journal, 'teacher', 'r', sequentialIds('r'));
    await meter.beforeAttempt();
    failSettle = true;
    await assert.rejects(meter.afterAttempt(RELEASED), /disk full/);
    assert.equal(ledger.role('teacher').spent, 1);
    assert.equal(ledger.role('teacher').reserved, 0);
  });

  it('rejects overlapping attempts on one meter', async () => {
    const meter = createMeter(BudgetLedger.withLimits({ teacher: 5, augmenter: 0 }), new MemoryJournal(), 'teacher', 'r', sequentialIds('r'));
    await meter.beforeAttempt();
    await assert.rejects(meter.beforeAttempt(), /still open/);
  });
});

describe('ledgerFromState', { timeout: 10_000 }, () => {
  it('counts a reserve without a settle as uncertain spend', () => {
    const at = '2025-01-01T00:00:00.000Z';
    const state = reduceJournal([
      { type: 'run-start', at, runId: 'r', strategy: 'answer-augmentation', seedFile: 's.jsonl', seedCount: 1, limits: { teacher: 5, augmenter: 2 }, teacher: { model: 't', endpoint: 'e' }, augmenter: { model: 'a', endpoint: 'e' }, exampleSampleIds: [], options: {} },
      { type: 'reserve', at, attemptId: '1', role: 'teacher', runId: 'r' },
      { type: 'reserve', at, attemptId: '2', role: 'teacher', runId: 'r' },
      { type: 'settle', at, attemptId: '1', role: 'teacher', outcome: COMPLETED },
      { type: 'reserve', at, attemptId: '3', role: 'augmenter', runId: 'r' },
      { type: 'settle', at, attemptId: '3', role: 'augmenter', outcome: RELEASED },
    ]);
    const ledger = ledgerFromState(state);
    assert.deepEqual(ledger.role('teacher'), { limit: 5, spent: 2, completed: 1, uncertain: 1, reserved: 0, released: 0, remaining: 3 });
    assert.deepEqual(ledger.role('augmenter'), { limit: 2, spent: 0, completed: 0, uncertain: 0, reserved: 0, released: 1, remaining: 2 });
  });
});

describe('createMeter with deferCompleted', () => {
  it('hands a completed settle to its caller instead of appending it; other outcomes are still written', async () => {
    const journal = new MemoryJournal();
    const ledger = BudgetLedger.withLimits({ teacher: 3, augmenter: 0 });
    const deferred: unknown[] = [];
    const seen: number[] = [];
    let n = 0;
    const meter = createMeter(ledger, journal, 'teacher', 'r1', () => `att-${++n}`, { now: () => 'T', deferCompleted: (s) => deferred.push(s), onChange: (snap) => seen.push(snap.teacher.completed) });
    await meter.beforeAttempt();
    await meter.afterAttempt(RELEASED);
    await meter.beforeAttempt();
    await meter.afterAttempt(COMPLETED);
    assert.deepEqual(journal.events.map((e) => e.type), ['reserve', 'settle', 'reserve'], 'the release is written, the completed settle is not');
    assert.equal(journal.durableCount, 3);
    assert.deepEqual(deferred, [{ attemptId: 'att-2', outcome: COMPLETED }]);
    assert.deepEqual(ledger.role('teacher'), { limit: 3, spent: 1, completed: 1, uncertain: 0, reserved: 0, released: 1, remaining: 2 });
    assert.deepEqual(seen, [0, 1], 'the listener hears about the spend either way');
  });
});
