import { AnswerProfileBuilder } from '../core/profile/index.ts';
import { fieldPathProblem, indexSeeds } from '../core/seeds/index.ts';
import type { FieldMapping } from '../core/seeds/index.ts';
import type { CliCommand, CliIo } from './cliTypes.ts';
import { EXIT_BAD_INPUT, EXIT_DONE } from './cliTypes.ts';
import { ANSWER_KIND_HELP, answerKindChoice } from './answerKindChoice.ts';
import { UsageError } from './cliErrors.ts';
import { diagnosticLine, inspectJson, inspectSummary } from './formatInspect.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { readFileChunks } from './readFileChunks.ts';

const NAME = 'seedsmith inspect';

const USAGE = `usage: seedsmith inspect <seeds.jsonl> [--json] [--question-field PATH --answer-field PATH] [--answer-kind KIND]

Checks a seed file: its shape and fields, how many seeds are valid, every bad line, and the kind
of answer the seeds have (numeric, label, json, sql, code or text).
  --json                 print one JSON object on stdout instead of the summary
  --question-field PATH  read the question from this dotted path (e.g. data.q, turns.-1.text)
  --answer-field PATH    read the answer from this dotted path (needs --question-field)
  ${ANSWER_KIND_HELP}
Exit code 0 when every non-blank line is a valid seed, 2 when a line is bad or no seed is valid.
`;

const OPTIONS = {
  json: { type: 'boolean' },
  'question-field': { type: 'string' },
  'answer-field': { type: 'string' },
  'answer-kind': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function mappingFrom(question: string | undefined, answer: string | undefined): FieldMapping | undefined {
  if (question === undefined && answer === undefined) return undefined;
  if (question === undefined) throw new UsageError(`${NAME}: --answer-field needs --question-field too.`, USAGE);
  if (answer === undefined) throw new UsageError(`${NAME}: --question-field needs --answer-field too.`, USAGE);
  for (const [flag, path] of [['--question-field', question], ['--answer-field', answer]] as const) {
    const problem = fieldPathProblem(path);
    if (problem) throw new UsageError(`${NAME}: ${flag}: ${problem}.`, USAGE);
  }
  return { question, answer };
}

// Written in slices so a file with a million bad lines never builds one giant string.
function writeLines(write: (text: string) => void, lines: readonly string[]): void {
  for (let start = 0; start < lines.length; start += 1000) {
    write(`${lines.slice(start, start + 1000).join('\n')}\n`);
  }
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, args, OPTIONS, USAGE);
  if (values.help) {
    io.out(USAGE);
    return EXIT_DONE;
  }
  if (positionals.length === 0) throw new UsageError(`${NAME}: missing the seed file to inspect.`, USAGE);
  if (positionals.length > 1) {
    throw new UsageError(`${NAME}: expected one seed file, got ${positionals.length} (${positionals.map((p) => `"${p}"`).join(', ')}).`, USAGE);
  }
  const file = positionals[0] as string;
  const mapping = mappingFrom(values['question-field'], values['answer-field']);
  const answerKind = await answerKindChoice(NAME, file, values['answer-kind'], USAGE);
  const chunks = await readFileChunks(NAME, file);
  // The CLI needs counts, diagnostics and the answer profile only; not keeping the texts keeps big files cheap.
  const profile = new AnswerProfileBuilder();
  const index = await indexSeeds(chunks, { keepSeeds: false, onSeed: (seed) => profile.add(seed), ...(mapping ? { mapping } : {}) });
  const answerProfile = profile.finish({ kind: answerKind });
  if (values.json) {
    io.out(inspectJson(file, index, answerProfile));
  } else {
    io.out(inspectSummary(file, index, answerProfile));
    writeLines(io.err, [...index.errors, ...index.warnings].sort((a, b) => a.line - b.line).map((d) => diagnosticLine(file, d)));
    if (index.stats.valid === 0) io.err(`${file}: no valid seed in the file.\n`);
  }
  return index.errors.length > 0 || index.stats.valid === 0 ? EXIT_BAD_INPUT : EXIT_DONE;
}

export const inspectCommand: CliCommand = { name: 'inspect', summary: 'check a seed file: shape, fields, valid seeds and every bad line', usage: USAGE, run };
