// `seedsmith generate`: one generation run over a session, from the terminal. The budget is the
// session's (a second run continues the first; a crashed run resumes where it stopped, buying
// nothing twice).
import path from 'node:path';
import { unfinishedBatchRun } from '../core/batch/batchPlan.ts';
import type { LedgerSnapshot } from '../core/budget/ledger.ts';
import type { RunFinished } from '../core/engine/engineEvents.ts';
import { GenerationRun } from '../core/engine/runGeneration.ts';
import { STRATEGY_IDS, type StrategyId } from '../core/samples/sample.ts';
import { existsSync } from 'node:fs';
import { profileSeeds } from '../core/profile/index.ts';
import type { PromptSet } from '../core/prompts/template.ts';
import { findProjectFile, readProjectPrompts } from '../node/projectFile.ts';
import { createProviderClient, PauseCountdown } from '../teacher/index.ts';
import { describeEndpoint } from '../teacher/endpoint.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE, EXIT_FAILED } from './cliTypes.ts';
import { ANSWER_KIND_HELP, answerKindChoice } from './answerKindChoice.ts';
import { inputsOfRun } from './batchRunInputs.ts';
import { InputError, UsageError } from './cliErrors.ts';
import { loadSeeds } from './loadSeeds.ts';
import { parseWithSeedFile } from './parseCommandArgs.ts';
import { chooseProvider, keyHelp, PROVIDER_HELP, PROVIDER_OPTIONS } from './providerArgs.ts';
import { projectProvider } from './projectProvider.ts';
import { ProgressLine, formatProgress, pauseNote } from './progressLine.ts';
import { openSessionFor, sessionDirFor } from './sessionArgs.ts';
import { batchesInFlight } from '../core/journal/batchState.ts';
import { createBatchClient } from '../teacher/batchClient.ts';
import { generateBatch } from './generateBatch.ts';
import type { RunPlanConfig } from '../core/planner/runPlanConfig.ts';

const NAME = 'seedsmith generate';
/** A wait at least this long is said on its own line when there is no progress line to count it down. */
const LONG_PAUSE_MS = 5000;

const USAGE = `usage: seedsmith generate <seeds.jsonl> --budget Q --teacher-model M [options]

Generates samples from the seeds with one of the three strategies, never sending more than Q
requests to the teacher model in this session (and, by default, Q to the augmenter).
  --budget Q                teacher queries this session may spend in all (required)
  --augmenter-budget N      augmenter calls this session may spend (default: Q)
  --strategy S              auto | answer-augmentation | question-rephrase | new-question (default: auto)
  --weak-augmenter          auto: the augmenter is weaker than the teacher (prefer Question Rephrase)
  --teacher-model M[,M…]    the model that writes answers (required); several make an ensemble
  --teacher-weights W[,W…]  an ensemble's split of the teacher queries, whole numbers (default: equal)
  --augmenter-model M       the model that writes questions (default: the teacher model)
${PROVIDER_HELP}
  --concurrency N           requests in flight at most (default: 8)
  --samples-per-seed N      answer augmentation: answers per seed at most
  --questions-per-call N    question rephrase / new question: questions per augmenter call (default: 3)
  --timeout-ms N            per request (default: 60000)
  --max-retries N           retries of a failed request, each one metered (default: 2); a 429
                            waits for the rate limit and is retried until it passes, at no cost
  --max-minutes N           stop sending after N minutes (default: no limit)
  --session DIR             session folder (default: .seedsmith/<seed file name>/ beside the seeds)
  --prompts FILE            prompt overrides (default: the first seedsmith.jsonc beside the seeds or above)
  ${ANSWER_KIND_HELP}
  --batch                   run on the provider's batch engine (half the price, within 24 hours);
                            batches in flight on this session are picked up and settled first
  --batch-engine E          openai | azure (default: openai)
  --poll-ms N               --batch: between polls of a batch in progress (default: 30000)
  --json                    print one JSON object on stdout when the run ends
${keyHelp()}
Ctrl-C stops the run; what is done is kept.
`;

const OPTIONS = {
  budget: { type: 'string' },
  'augmenter-budget': { type: 'string' },
  strategy: { type: 'string' },
  'weak-augmenter': { type: 'boolean' },
  'teacher-model': { type: 'string' },
  'teacher-weights': { type: 'string' },
  'augmenter-model': { type: 'string' },
  ...PROVIDER_OPTIONS,
  concurrency: { type: 'string' },
  'samples-per-seed': { type: 'string' },
  'questions-per-call': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-retries': { type: 'string' },
  'max-minutes': { type: 'string' },
  session: { type: 'string' },
  prompts: { type: 'string' },
  'answer-kind': { type: 'string' },
  json: { type: 'boolean' },
  batch: { type: 'boolean' },
  'batch-engine': { type: 'string' },
  'poll-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function wholeNumber(flag: string, value: string | undefined, fallback: number | undefined, min: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${NAME}: ${flag} must be a whole number ≥ ${min}, got "${value}".`, USAGE);
  return n;
}

function strategyFrom(value: string | undefined): StrategyId | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if ((STRATEGY_IDS as readonly string[]).includes(value)) return value as StrategyId;
  throw new UsageError(`${NAME}: --strategy must be auto, ${STRATEGY_IDS.join(', ')}; got "${value}".`, USAGE);
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseWithSeedFile(NAME, args, OPTIONS, USAGE, io);
  if (!parsed) return EXIT_DONE;
  const { values, seedFile } = parsed;
  const budget = wholeNumber('--budget', values.budget, undefined, 0);
  if (budget === undefined) throw new UsageError(`${NAME}: --budget is required (the number of teacher queries this session may spend).`, USAGE);
  const augmenterBudget = wholeNumber('--augmenter-budget', values['augmenter-budget'], budget, 0) as number;
  const teachers = teacherEnsemble(values['teacher-model'], values['teacher-weights']);
  const teacherModel = teachers[0]!.model;
  const augmenterModel = values['augmenter-model'] ?? teacherModel;
  const concurrency = wholeNumber('--concurrency', values.concurrency, 8, 1) as number;
  const timeoutMs = wholeNumber('--timeout-ms', values['timeout-ms'], 60_000, 1) as number;
  const maxRetries = wholeNumber('--max-retries', values['max-retries'], 2, 0) as number;
  const maxMinutes = wholeNumber('--max-minutes', values['max-minutes'], undefined, 1);
  const samplesPerSeed = wholeNumber('--samples-per-seed', values['samples-per-seed'], undefined, 1);
  const questionsPerCall = wholeNumber('--questions-per-call', values['questions-per-call'], undefined, 1);
  const strategy = strategyFrom(values.strategy);
  // Before the session is opened: an endpoint that cannot be used reserves nothing and creates nothing.
  const projectFile = values.prompts ?? findProjectFile(seedFile);
  const { provider, apiKey } = chooseProvider(NAME, values, await projectProvider(NAME, projectFile), projectFile, io.env, USAGE);
  // The batch engine speaks to the provider's base URL with the provider's key.
  const baseURL = provider.baseUrl;

  const answerKind = await answerKindChoice(NAME, seedFile, values['answer-kind'], USAGE);
  const seeds = await loadSeeds(NAME, seedFile, io.err);
  const prompts = await projectPrompts(values.prompts, seedFile, io.err, values.json === true);
  // The prompts ask for answers of the seeds' kind, shaped like them (issue 10).
  const profile = profileSeeds(seeds, { kind: answerKind });
  if (!values.json) io.err(`answers: ${profile.kind} (${Math.round(profile.share * 100)} % of the seeds${profile.source === 'setting' ? ', set by answerKind' : ''})\n`);
  const sessionDir = sessionDirFor(NAME, { session: values.session, seedFile });
  const batchEngine = values['batch-engine'] ?? 'openai';
  if (batchEngine !== 'openai' && batchEngine !== 'azure') throw new UsageError(`${NAME}: --batch-engine must be openai or azure; got "${batchEngine}".`, USAGE);
  const pollMs = wholeNumber('--poll-ms', values['poll-ms'], 30_000, 1) as number;
  // From the checkpoint: a run looks at few of the session's samples, so it need not read them all first.
  // This process does nothing but the run: fsyncs on the loop cut each request's wait (FileJournalOptions.syncOnLoop).
  const session = await openSessionFor(NAME, sessionDir, { checkpoint: true, syncOnLoop: true });
  const inFlight = batchesInFlight(session.journal.state.batches);
  const endpoint = describeEndpoint(baseURL);
  // What the run plans from, sent online or as a batch alike.
  const plan: RunPlanConfig = {
    seedFile: path.resolve(seedFile),
    seeds,
    strategy,
    weakAugmenter: values['weak-augmenter'] ?? false,
    limits: { teacher: budget, augmenter: augmenterBudget },
    teacher: { model: teacherModel, endpoint },
    augmenter: { model: augmenterModel, endpoint },
    prompts,
    profile,
    ...(samplesPerSeed !== undefined ? { samplesPerSeed } : {}),
    ...(questionsPerCall !== undefined ? { questionsPerCall } : {}),
  };
  if (values.batch) {
    if (teachers.length > 1) {
      await session.close();
      throw new UsageError(`${NAME}: a teacher ensemble runs online only; --batch takes one --teacher-model.`, USAGE);
    }
    // An unfinished batch run goes on with the answer kind and prompts it started with: its answers
    // are found again by the requests they were made from, and other flags would make other ones.
    const continued = unfinishedBatchRun(session.journal.state);
    const continuedInputs = continued ? await inputsOfRun(NAME, continued, USAGE, io.err) : undefined;
    if (continued && !values.json && (continued.options['answerKind'] ?? null) !== (values['answer-kind'] ?? null)) {
      io.err(`continuing batch run ${continued.runId} with the answer kind it started with (${continuedInputs?.profile.kind ?? 'detected'}), not --answer-kind\n`);
    }
    return generateBatch(
      {
        config: {
          ...plan,
          ...(continuedInputs ?? {}),
          engine: batchEngine,
          recorded: { answerKind: values['answer-kind'] ?? null, promptsFile: values.prompts === undefined ? null : path.resolve(values.prompts) },
        },
        engine: createBatchClient({ baseURL, apiKey, kind: batchEngine, timeoutMs, maxRetries }),
        session,
        sessionDir,
        pollMs,
        json: values.json === true,
      },
      io,
    );
  }
  if (inFlight.length > 0) {
    await session.close();
    // Sent online, the same requests would be bought twice.
    throw new InputError(`${NAME}: ${inFlight.length} batch(es) of this session are still in flight; settle them first with \`seedsmith generate --batch\` (or \`seedsmith batch import\` for an exported file).`);
  }

  const progress = io.stderrIsTty ? new ProgressLine(io.err) : null;
  const startedAt = Date.now();
  let samples = 0;
  let ledger: LedgerSnapshot = session.ledger.snapshot();
  let plannedTeacherQueries = 0;
  // While new requests wait (for the rate limit, or for an endpoint that is down), the line counts down to when they resume.
  const countdown = new PauseCountdown(() => redraw());
  const redraw = (force = false) => {
    const now = Date.now();
    const seconds = countdown.secondsLeft(now);
    const note = seconds === null ? null : pauseNote(seconds, countdown.waitingFor);
    progress?.draw(formatProgress({ samples, ledger, plannedTeacherQueries: ledger.teacher.spent + plannedTeacherQueries, startedAt, note }, now), force);
  };

  const client = createProviderClient({
    provider,
    apiKey,
    timeoutMs,
    maxRetries,
    maxConcurrency: concurrency,
    onEvent: (event) => {
      // Without a progress line (a log, CI), a long wait is said once, so the run does not look hung.
      if (!progress && !values.json && event.type === 'pause' && event.waitMs >= LONG_PAUSE_MS && (countdown.secondsLeft() ?? 0) * 1000 + LONG_PAUSE_MS <= event.waitMs) {
        io.err(`${pauseNote(Math.ceil(event.waitMs / 1000), event.cause === 'unavailable' ? 'unavailable' : 'rate-limit')}\n`);
      }
      countdown.onEvent(event);
      redraw();
    },
  });
  const generation = new GenerationRun(
    {
      ...plan,
      ...(teachers.length > 1 ? { teachers } : {}),
      concurrency,
      ...(maxMinutes !== undefined ? { maxWallMs: maxMinutes * 60_000 } : {}),
    },
    { clients: { teacher: client, augmenter: client }, session: { journal: session.journal, ledger: session.ledger } },
  );
  generation.events.on('run-started', ({ plan }) => {
    plannedTeacherQueries = plan.teacherQueries;
    if (!values.json) io.err(`${plan.reason}\n`);
  });
  generation.events.on('sample-added', () => {
    samples++;
    redraw();
  });
  generation.events.on('spend-changed', (event) => {
    ledger = event.ledger;
    redraw();
  });

  let interrupts = 0;
  const removeInterrupt = io.onInterrupt?.(() => {
    interrupts++;
    if (interrupts === 1) {
      io.err('\nStopping: aborting the requests in flight (they count as spent). Ctrl-C again to quit at once.\n');
      generation.cancel();
    } else {
      process.exit(130);
    }
  });
  let finished: RunFinished;
  try {
    finished = await generation.start();
  } finally {
    removeInterrupt?.();
    countdown.stop();
    redraw(true);
    progress?.end();
    await session.close();
  }
  report(io, values.json === true, finished, sessionDir);
  // Stopping at the budget or at --max-minutes is what the person asked for: success.
  return finished.reason === 'done' || finished.reason === 'budget' || finished.reason === 'time-limit' ? EXIT_DONE : EXIT_FAILED;
}

/** --teacher-model a,b with --teacher-weights 3,1: the ensemble (one entry for a single teacher). */
function teacherEnsemble(models: string | undefined, weights: string | undefined): { model: string; weight: number }[] {
  const names = (models ?? '').split(',').map((m) => m.trim());
  if (names.length === 0 || names.every((m) => m === '')) throw new UsageError(`${NAME}: --teacher-model is required (the model that writes the answers).`, USAGE);
  if (names.some((m) => m === '')) throw new UsageError(`${NAME}: --teacher-model has an empty name in "${models}".`, USAGE);
  if (new Set(names).size !== names.length) throw new UsageError(`${NAME}: --teacher-model names a model twice in "${models}"; give it a larger weight instead.`, USAGE);
  if (weights === undefined) return names.map((model) => ({ model, weight: 1 }));
  const parts = weights.split(',').map((w) => w.trim());
  if (parts.length !== names.length) throw new UsageError(`${NAME}: --teacher-weights gives ${parts.length} weight(s) for ${names.length} teacher model(s).`, USAGE);
  return names.map((model, i) => {
    const text = parts[i]!;
    const weight = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(weight) || weight < 1) throw new UsageError(`${NAME}: --teacher-weights must be whole numbers ≥ 1, got "${text}".`, USAGE);
    return { model, weight };
  });
}

/** The prompts to use: the project's overrides when it has a valid seedsmith.jsonc; a broken one is bad input. */
async function projectPrompts(given: string | undefined, seedFile: string, report: (text: string) => void, quiet: boolean): Promise<PromptSet> {
  if (given !== undefined && !existsSync(given)) throw new InputError(`${NAME}: --prompts: no such file "${given}".`);
  const loaded = await readProjectPrompts(given ?? findProjectFile(seedFile));
  if (loaded.errors.length > 0) {
    const where = loaded.file ?? 'seedsmith.jsonc';
    throw new InputError(`${NAME}: the prompt overrides in ${where} cannot be used; nothing was sent:\n${loaded.errors.map((e) => `${where}:${e.line}:${e.column}: ${e.message}`).join('\n')}`);
  }
  if (loaded.file && loaded.overridden.length > 0 && !quiet) report(`prompts: ${loaded.overridden.join(', ')} from ${loaded.file}\n`);
  return loaded.prompts;
}

function report(io: CliIo, json: boolean, finished: RunFinished, sessionDir: string): void {
  const { teacher, augmenter } = finished.ledger;
  if (json) {
    const role = (r: typeof teacher) => ({ limit: r.limit, spent: r.spent, completed: r.completed, uncertain: r.uncertain, retries: r.released });
    io.out(`${JSON.stringify({ runId: finished.runId, reason: finished.reason, message: finished.message, samplesAdded: finished.samplesAdded, failures: finished.failures, teacher: role(teacher), augmenter: role(augmenter), session: sessionDir, elapsedMs: finished.elapsedMs })}\n`);
    return;
  }
  const how: Record<RunFinished['reason'], string> = {
    done: 'done',
    budget: 'stopped: the budget is spent',
    'time-limit': `stopped: ${(finished.message ?? 'the time limit passed').replace(/[.\s]+$/, '')}; run again to go on`,
    cancelled: 'cancelled',
    failed: `failed: ${(finished.message ?? 'unknown error').replace(/[.\s]+$/, '')}`,
  };
  io.out(`${finished.runId} ${how[finished.reason]}. ${finished.samplesAdded} new samples, pending review.\n`);
  io.out(`  teacher ${teacher.spent}/${teacher.limit} queries spent (${teacher.uncertain} timed out or aborted, ${teacher.released} refused and retried)\n`);
  io.out(`  augmenter ${augmenter.spent}/${augmenter.limit} calls spent\n`);
  if (finished.failures > 0) io.out(`  ${finished.failures} work units failed after retries; run again to retry them.\n`);
  io.out(`  session ${sessionDir}  (seedsmith status --session ${JSON.stringify(sessionDir)})\n`);
}

export const generateCommand: CliCommand = { name: 'generate', summary: 'generate samples from the seeds under a teacher-query budget', usage: USAGE, run };
