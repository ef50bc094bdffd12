// `seedsmith batch export|import`: batch runs on an engine SeedSmith does not drive — vLLM's
// run-batch on one's own GPUs, or any runner that reads the OpenAI batch format.
import { rename, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { exportBatchStage, importBatchResults, markExported, OfflineBatchesPending } from '../core/batch/offlineBatch.ts';
import { STRATEGY_IDS, type StrategyId } from '../core/samples/sample.ts';
import { encodeBatchLine } from '../teacher/batchClient.ts';
import { readBatchRecords } from '../teacher/batchRecords.ts';
import { ANSWER_KIND_HELP } from './answerKindChoice.ts';
import { contextsFromDisk, runInputs } from './batchRunInputs.ts';
import { InputError, UsageError } from './cliErrors.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_DONE } from './cliTypes.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { existingSessionDir, openSessionFor, sessionDirFor } from './sessionArgs.ts';

const USAGE = `usage: seedsmith batch export <seeds.jsonl> --budget Q --teacher-model M --out FILE [options]
       seedsmith batch import <output.jsonl> [--session DIR] [--json]

export  plans a run as \`generate\` does and writes its requests as an OpenAI batch input file
        ({custom_id, method, url, body} per line, one model per file) for vLLM's run-batch or any
        engine that reads the format. Every line is reserved in the session's budget before the
        file is written. Question Rephrase and New Question take two rounds: export, run, import
        the augmenter's file, then export again for the teacher's.
  --budget Q                teacher queries this session may spend in all (required)
  --augmenter-budget N      augmenter calls this session may spend (default: Q)
  --strategy S              auto | answer-augmentation | question-rephrase | new-question (default: auto)
  --teacher-model M         the model that writes answers (required)
  --augmenter-model M       the model that writes questions (default: the teacher model)
  --out FILE                the input file to write (a second model's lines go to FILE with -2 before .jsonl)
  --endpoint URL            recorded as the samples' endpoint (default: offline)
  --max-tokens-field F      max_tokens | max_completion_tokens (default: max_tokens, what vLLM reads)
  --samples-per-seed N      answer augmentation: answers per seed at most
  --questions-per-call N    question rephrase / new question: questions per augmenter call (default: 3)
  --session DIR             session folder (default: .seedsmith/<seed file name>/ beside the seeds)
  --prompts FILE            prompt overrides (default: the first seedsmith.jsonc beside the seeds or above)
  ${ANSWER_KIND_HELP}
import  settles a runner's output file (successes and errors may share one file), joined by
        custom_id: 200 → spent and a sample; batch_expired/batch_cancelled → released; other
        errors → spent (uncertain); exported lines missing from the file → unaccounted (spent).
        Importing the same file again changes nothing.
  --json                    one JSON object on stdout
`;

const EXPORT_OPTIONS = {
  budget: { type: 'string' },
  'augmenter-budget': { type: 'string' },
  strategy: { type: 'string' },
  'weak-augmenter': { type: 'boolean' },
  'teacher-model': { type: 'string' },
  'augmenter-model': { type: 'string' },
  out: { type: 'string' },
  endpoint: { type: 'string' },
  'max-tokens-field': { type: 'string' },
  'samples-per-seed': { type: 'string' },
  'questions-per-call': { type: 'string' },
  session: { type: 'string' },
  prompts: { type: 'string' },
  'answer-kind': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const IMPORT_OPTIONS = { session: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

function wholeNumber(name: string, flag: string, value: string | undefined, fallback: number | undefined, min: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${name}: ${flag} must be a whole number ≥ ${min}, got "${value}".`, USAGE);
  return n;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'export') return exportRun(rest, io);
  if (sub === 'import') return importRun(rest, io);
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    if (sub === undefined) throw new UsageError('seedsmith batch: missing export or import.', USAGE);
    io.out(USAGE);
    return EXIT_DONE;
  }
  throw new UsageError(`seedsmith batch: unknown subcommand "${sub}" (export or import).`, USAGE);
}

async function exportRun(args: readonly string[], io: CliIo): Promise<number> {
  const NAME = 'seedsmith batch export';
  const { values, positionals } = parseCommandArgs(NAME, args, EXPORT_OPTIONS, USAGE);
  if (values.help) {
    io.out(USAGE);
    return EXIT_DONE;
  }
  if (positionals.length !== 1) throw new UsageError(`${NAME}: expected one seed file.`, USAGE);
  const seedFile = positionals[0]!;
  const budget = wholeNumber(NAME, '--budget', values.budget, undefined, 0);
  if (budget === undefined) throw new UsageError(`${NAME}: --budget is required.`, USAGE);
  const augmenterBudget = wholeNumber(NAME, '--augmenter-budget', values['augmenter-budget'], budget, 0) as number;
  const teacherModel = values['teacher-model'];
  if (!teacherModel) throw new UsageError(`${NAME}: --teacher-model is required.`, USAGE);
  const out = values.out;
  if (!out) throw new UsageError(`${NAME}: --out is required (the batch input file to write).`, USAGE);
  const strategy = values.strategy ?? 'auto';
  if (strategy !== 'auto' && !(STRATEGY_IDS as readonly string[]).includes(strategy)) throw new UsageError(`${NAME}: --strategy must be auto, ${STRATEGY_IDS.join(', ')}; got "${strategy}".`, USAGE);
  const field = values['max-tokens-field'] ?? 'max_tokens';
  if (field !== 'max_tokens' && field !== 'max_completion_tokens') throw new UsageError(`${NAME}: --max-tokens-field must be max_tokens or max_completion_tokens.`, USAGE);
  const samplesPerSeed = wholeNumber(NAME, '--samples-per-seed', values['samples-per-seed'], undefined, 1);
  const questionsPerCall = wholeNumber(NAME, '--questions-per-call', values['questions-per-call'], undefined, 1);
  const promptsFile = values.prompts === undefined ? null : path.resolve(values.prompts);
  const inputs = await runInputs(NAME, seedFile, values['answer-kind'], promptsFile, USAGE, io.err);
  const endpoint = values.endpoint ?? 'offline';
  const augmenterModel = values['augmenter-model'] ?? teacherModel;
  const sessionDir = sessionDirFor(NAME, { session: values.session, seedFile });
  const session = await openSessionFor(NAME, sessionDir);
  const files: { file: string; lines: number; model: string }[] = [];
  let exported;
  try {
    exported = await exportBatchStage(
      {
        seedFile: path.resolve(seedFile),
        seeds: inputs.seeds,
        strategy: strategy as StrategyId | 'auto',
        weakAugmenter: values['weak-augmenter'] ?? false,
        limits: { teacher: budget, augmenter: augmenterBudget },
        teacher: { model: teacherModel, endpoint },
        augmenter: { model: augmenterModel, endpoint },
        prompts: inputs.prompts,
        profile: inputs.profile,
        engine: 'offline',
        recorded: { answerKind: values['answer-kind'] ?? null, promptsFile },
        ...(samplesPerSeed !== undefined ? { samplesPerSeed } : {}),
        ...(questionsPerCall !== undefined ? { questionsPerCall } : {}),
      },
      session.journal,
      (line) => encodeBatchLine(line, '/v1/chat/completions', field),
    );
    for (const [i, batch] of exported.batches.entries()) {
      const file = path.resolve(i === 0 ? out : out.replace(/(\.jsonl)?$/, `-${i + 1}.jsonl`));
      // Written whole, then renamed: a runner never reads half a file. UTF-8, no byte order mark.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${batch.encoded.join('\n')}\n`, 'utf8');
      await rename(temporary, file);
      await markExported(session.journal, batch.batchKey, file);
      files.push({ file, lines: batch.lines.length, model: batch.model });
    }
  } catch (error) {
    if (error instanceof OfflineBatchesPending) throw new InputError(`${NAME}: ${error.message}`);
    throw error;
  } finally {
    await session.close();
  }
  const { teacher, augmenter } = session.journal.state.budget;
  if (values.json) {
    io.out(`${JSON.stringify({ runId: exported.runId, files, samplesAdded: exported.samplesAdded, budgetStopped: exported.budgetStopped, teacher: { limit: teacher.limit, spent: teacher.spent }, augmenter: { limit: augmenter.limit, spent: augmenter.spent }, session: sessionDir })}\n`);
    return EXIT_DONE;
  }
  if (files.length === 0) io.out(`${exported.runId}: nothing left to export${exported.budgetStopped ? ' (the budget is spent)' : ''}; ${exported.samplesAdded} new samples.\n`);
  for (const f of files) {
    io.out(`${f.file}: ${f.lines} requests for ${f.model}, reserved in the session (teacher ${teacher.spent}/${teacher.limit}, augmenter ${augmenter.spent}/${augmenter.limit}).\n`);
    io.out(`  run it, e.g.: python -m vllm.entrypoints.openai.run_batch -i ${JSON.stringify(f.file)} -o out.jsonl --model ${f.model}\n`);
    io.out(`  then: seedsmith batch import out.jsonl --session ${JSON.stringify(sessionDir)}\n`);
  }
  return EXIT_DONE;
}

async function importRun(args: readonly string[], io: CliIo): Promise<number> {
  const NAME = 'seedsmith batch import';
  const { values, positionals } = parseCommandArgs(NAME, args, IMPORT_OPTIONS, USAGE);
  if (values.help) {
    io.out(USAGE);
    return EXIT_DONE;
  }
  if (positionals.length !== 1) throw new UsageError(`${NAME}: expected one output file.`, USAGE);
  const file = positionals[0]!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`${NAME}: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const records = readBatchRecords(text.replace(/^\uFEFF/, ''));
  const sessionDir = existingSessionDir(NAME, sessionDirFor(NAME, { session: values.session }));
  const session = await openSessionFor(NAME, sessionDir);
  let summary;
  try {
    summary = await importBatchResults(session.journal, records.lines, contextsFromDisk(NAME, session.journal.state, USAGE, io.err));
  } finally {
    await session.close();
  }
  const { teacher, augmenter } = session.journal.state.budget;
  const counts = summary.settled.reduce((sum, s) => ({ completed: sum.completed + s.completed, released: sum.released + s.released, uncertain: sum.uncertain + s.uncertain, unaccounted: sum.unaccounted + s.unaccounted.length }), { completed: 0, released: 0, uncertain: 0, unaccounted: 0 });
  if (values.json) {
    io.out(`${JSON.stringify({ batches: summary.settled.length, alreadySettled: summary.alreadySettled, ...counts, foreign: summary.foreign, unreadable: records.unreadable.length, samplesAdded: summary.samplesAdded, teacher: { limit: teacher.limit, spent: teacher.spent }, augmenter: { limit: augmenter.limit, spent: augmenter.spent }, session: sessionDir })}\n`);
    return EXIT_DONE;
  }
  if (summary.settled.length === 0) io.out(`${file}: nothing to settle${summary.alreadySettled > 0 ? ` (its ${summary.alreadySettled} batch(es) were imported before; nothing changed)` : ''}.\n`);
  else io.out(`${file}: ${summary.settled.length} batch(es) settled: ${counts.completed} completed, ${counts.released} released, ${counts.uncertain} uncertain (${counts.unaccounted} unaccounted); ${summary.samplesAdded} new samples.\n`);
  if (summary.foreign > 0) io.out(`  ${summary.foreign} lines belong to no batch of this session and were left alone.\n`);
  if (records.unreadable.length > 0) io.out(`  ${records.unreadable.length} lines could not be read (lines ${records.unreadable.slice(0, 5).join(', ')}${records.unreadable.length > 5 ? ', …' : ''}).\n`);
  io.out(`  teacher ${teacher.spent}/${teacher.limit} queries spent, augmenter ${augmenter.spent}/${augmenter.limit} calls\n`);
  return EXIT_DONE;
}

export const batchCommand: CliCommand = { name: 'batch', summary: 'export a run as a batch input file, or import a batch runner\'s output', usage: USAGE, run };
