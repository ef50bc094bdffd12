// `seedsmith recommend`: which strategy for this budget and these seeds, why (with the sources
// of its numbers), what each strategy would buy and cost, and how the strategies have done in
// the seed file's session so far. Reads only: it sends nothing to any model.
import { estimateStrategies } from '../core/advisor/estimate.ts';
import { runFeedback } from '../core/advisor/feedback.ts';
import type { Pricing } from '../core/advisor/pricing.ts';
import { recommendStrategy } from '../core/advisor/recommend.ts';
import { distinctSeeds } from '../core/planner/distinctSeeds.ts';
import type { PlanOptions } from '../core/strategies/strategy.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { UsageError } from './cliErrors.ts';
import { profileSeeds } from '../core/profile/index.ts';
import { ANSWER_KIND_HELP, answerKindChoice } from './answerKindChoice.ts';
import { loadSeeds } from './loadSeeds.ts';
import { parseWithSeedFile } from './parseCommandArgs.ts';
import { recommendText } from './recommendFormat.ts';
import { findSession, readPricingFile } from './recommendInputs.ts';
import { recommendJson } from './recommendJson.ts';
import type { RecommendReport } from './recommendJson.ts';

const NAME = 'seedsmith recommend';
const UNITS_SAMPLED = 50;

const USAGE = `usage: seedsmith recommend <seeds.jsonl> --budget Q [options]

Recommends a strategy from the budget ratio BR = Q / |S| and the paper's crossover for your seed
count, says where each number comes from, estimates what each strategy buys (samples, teacher
queries, augmenter calls, tokens, money), and, when the seed file has a session, how the
strategies have done in it. Sends nothing to any model.
  --budget Q                teacher queries you mean to spend (required)
  --weak-augmenter          the augmenter is weaker than the teacher (prefer Question Rephrase at a high BR)
  --teacher-model M         the model that will write the answers (for tokens and prices)
  --augmenter-model M       the model that will write questions (default: the teacher model)
  --pricing FILE.json       prices per model, e.g. {"gpt-4o": {"inputPerMillion": 2.5, "outputPerMillion": 10}}
  --augmenter-budget N      as for generate: augmenter calls allowed (default: Q)
  --questions-per-call N    as for generate (default: 3)
  --samples-per-seed N      as for generate: answer augmentation's answers per seed at most
  ${ANSWER_KIND_HELP}
  --session DIR             the session to report on (default: the seed file's, when it exists)
  --json                    print one JSON object on stdout
`;

const OPTIONS = {
  budget: { type: 'string' },
  'weak-augmenter': { type: 'boolean' },
  'teacher-model': { type: 'string' },
  'augmenter-model': { type: 'string' },
  pricing: { type: 'string' },
  'augmenter-budget': { type: 'string' },
  'questions-per-call': { type: 'string' },
  'samples-per-seed': { type: 'string' },
  session: { type: 'string' },
  'answer-kind': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${NAME}: ${flag} must be a whole number ≥ ${min}, got "${value}".`, USAGE);
  return n;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseWithSeedFile(NAME, args, OPTIONS, USAGE, io);
  if (!parsed) return EXIT_DONE;
  const { values, seedFile } = parsed;
  const budget = wholeNumber('--budget', values.budget, 1);
  if (budget === undefined) throw new UsageError(`${NAME}: --budget is required: the number of teacher queries you mean to spend (the paper's Q).`, USAGE);
  const augmenterLimit = wholeNumber('--augmenter-budget', values['augmenter-budget'], 0) ?? budget;
  const questionsPerCall = wholeNumber('--questions-per-call', values['questions-per-call'], 1);
  const samplesPerSeed = wholeNumber('--samples-per-seed', values['samples-per-seed'], 1);
  const teacherModel = values['teacher-model'] ?? '';
  const augmenterModel = values['augmenter-model'] ?? teacherModel;
  // Bad prices are found before the seeds are read: the cheaper mistake to report first.
  const pricing: Pricing = values.pricing === undefined ? {} : await readPricingFile(NAME, values.pricing);

  const seeds = await loadSeeds(NAME, seedFile, io.err);
  const session = await findSession(NAME, seedFile, values.session);
  // The tokenizer's tables are megabytes: loaded here, not by every command that imports this file.
  const { tokenCounterFor } = await import('../core/advisor/tokenizers.ts');

  // The seeds' kind of answer: what the prompts ask for and how long answers run, and whether the paper measured such a task.
  const profile = profileSeeds(seeds, { kind: await answerKindChoice(NAME, seedFile, values['answer-kind'], USAGE) });
  const recommendation = recommendStrategy({ seedCount: distinctSeeds(seeds).length, teacherQueries: budget, weakAugmenter: values['weak-augmenter'] ?? false, answerKind: profile.kind });
  const options: PlanOptions = {
    teacherModel,
    augmenterModel,
    ...(questionsPerCall !== undefined ? { questionsPerCall } : {}),
    ...(samplesPerSeed !== undefined ? { samplesPerSeed } : {}),
  };
  const estimates = estimateStrategies({
    seeds,
    limits: { teacherQueries: budget, augmenterCalls: augmenterLimit },
    options,
    counters: { teacher: tokenCounterFor(teacherModel), augmenter: tokenCounterFor(augmenterModel) },
    pricing,
    unitsSampled: UNITS_SAMPLED,
    profile,
  });
  const report: RecommendReport = {
    seedFile,
    recommendation,
    augmenterLimit,
    estimates,
    unitsSampled: UNITS_SAMPLED,
    profile,
    session:
      session === null
        ? null
        : { dir: session.dir, feedback: runFeedback(session.state, pricing), teacherSpent: session.state.budget.teacher.spent, augmenterSpent: session.state.budget.augmenter.spent },
  };
  if (values.json) {
    io.out(recommendJson(report));
    return EXIT_DONE;
  }
  const modelFlags = [
    ...(values['teacher-model'] ? [`--teacher-model ${values['teacher-model']}`] : []),
    ...(values['augmenter-model'] ? [`--augmenter-model ${values['augmenter-model']}`] : []),
  ];
  io.out(recommendText(report, { seedFile, modelFlags }));
  if (Object.keys(pricing).length > 0 && teacherModel === '') io.err(`${NAME}: prices were given but no model is named; add --teacher-model (and --augmenter-model) to price the estimates.\n`);
  return EXIT_DONE;
}

export const recommendCommand: CliCommand = { name: 'recommend', summary: 'which strategy for this budget, why, and what each would buy and cost', usage: USAGE, run };
