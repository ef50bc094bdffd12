// The tokens one planned work unit will send and receive, from the prompts the strategies really
// render for it (the same templates, variables and sampling limits as strategies/*.ts). What the
// prompts hold is counted exactly; what the models will write is a range (assumptions.ts).
import type { ChatMessage, ChatRequest, SamplingParams } from '../model/chat.ts';
import { readAnswerAugmentationParams, readNewQuestionParams, readQuestionRephraseParams } from '../planner/unitParams.ts';
import type { AnswerProfile } from '../profile/types.ts';
import { formatExamples, newQuestionContextBlock, newQuestionKindNote, rephraseContextBlock } from '../prompts/examples.ts';
import { questionParts, sharedContext } from '../prompts/questionParts.ts';
import { renderPrompt } from '../prompts/render.ts';
import { NEW_QUESTIONS_FORMAT, REPHRASE_FORMAT } from '../prompts/schemas.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { JsonSchemaFormat } from '../model/chat.ts';
import type { Seed } from '../seeds/types.ts';
import { ANSWER_MAX_TOKENS, newQuestionSampling, rephraseSampling } from '../strategies/sampling.ts';
import type { PlanOptions, WorkUnit } from '../strategies/strategy.ts';
import { answerRequest, seedShot } from '../strategies/teacherAnswer.ts';
import { TEACHER_FEW_SHOT } from '../planner/fewShotRotation.ts';
import type { Assumption } from './assumptions.ts';
import { answerLengthAssumption, ESTIMATE_ASSUMPTIONS as A } from './assumptions.ts';
import type { TokenRange } from './pricing.ts';
import type { TokenCounter } from './tokens.ts';
import { chatTokens } from './tokens.ts';

export interface RoleTokens {
  readonly calls: number;
  readonly input: TokenRange;
  readonly output: TokenRange;
}

export interface UnitTokens {
  readonly teacher: RoleTokens;
  readonly augmenter: RoleTokens;
}

export interface UnitTokenContext {
  readonly prompts: PromptSet;
  readonly options: PlanOptions;
  readonly teacher: TokenCounter;
  readonly augmenter: TokenCounter;
  /** The seeds' answer profile: the prompts are rendered for its kind, answers are as long as its kind's. */
  readonly profile?: AnswerProfile;
}

const NONE: RoleTokens = { calls: 0, input: { low: 0, high: 0 }, output: { low: 0, high: 0 } };

export function unitTokens(unit: WorkUnit, context: UnitTokenContext): UnitTokens {
  switch (unit.strategy) {
    case 'answer-augmentation':
      return answerAugmentationTokens(unit, context);
    case 'question-rephrase':
      return questionRephraseTokens(unit, context);
    case 'new-question':
      return newQuestionTokens(unit, context);
  }
}

function answerAugmentationTokens(unit: WorkUnit, c: UnitTokenContext): UnitTokens {
  const seed = firstSeed(unit);
  const { samplingSeed } = readAnswerAugmentationParams(unit);
  // The exact request the strategy sends for this unit.
  const parts = questionParts(seed);
  const input = answerInput(c, answerRequest(c.prompts['answer.cot.v1'], parts.question, c.options, samplingSeed, seedShot(c.profile, unit.fewShot ?? [], parts.context)));
  return { teacher: { calls: 1, input, output: answerOutput(c, [seed]) }, augmenter: NONE };
}

function questionRephraseTokens(unit: WorkUnit, c: UnitTokenContext): UnitTokens {
  const seed = firstSeed(unit);
  const { count, samplingSeed } = readQuestionRephraseParams(unit);
  const parts = questionParts(seed);
  const messages = renderPrompt(c.prompts['rephrase.v1'], { count, question: parts.question, context: rephraseContextBlock(parts.context) });
  const augmenter = {
    calls: 1,
    input: augmenterInput(c.augmenter, messages, REPHRASE_FORMAT),
    output: batchOutput(c.augmenter, [seed], count, A.rephraseItem, rephraseSampling(count, samplingSeed)),
  };
  return { teacher: times(count, generatedQuestionTeacher(c, [seed], unit.fewShot ?? [], parts.context)), augmenter };
}

function newQuestionTokens(unit: WorkUnit, c: UnitTokenContext): UnitTokens {
  const { count, samplingSeed, examples } = readNewQuestionParams(unit);
  const context = sharedContext(unit.seeds);
  const shown = unit.seeds.map((s) => (context === undefined ? s : { ...questionParts(s), answer: s.answer }));
  const messages = renderPrompt(c.prompts['new-question.v1'], { count, examples: formatExamples([...shown, ...examples], context), context: newQuestionContextBlock(context), kind: newQuestionKindNote(c.profile) });
  const augmenter = {
    calls: 1,
    input: augmenterInput(c.augmenter, messages, NEW_QUESTIONS_FORMAT),
    output: batchOutput(c.augmenter, unit.seeds, count, A.newQuestionItem, newQuestionSampling(count, samplingSeed)),
  };
  return { teacher: times(count, generatedQuestionTeacher(c, unit.seeds, unit.seeds.slice(0, TEACHER_FEW_SHOT), context)), augmenter };
}

/** One teacher query answering a question the augmenter wrote after `from` (its text is not known yet). */
function generatedQuestionTeacher(c: UnitTokenContext, from: readonly Seed[], fewShot: readonly Seed[], context: string | undefined): RoleTokens {
  // The answer prompt with the unit's few-shot seeds and context and without a question, plus a question of the assumed length.
  const frame = answerInput(c, answerRequest(c.prompts['answer.cot.v1'], '', c.options, 0, seedShot(c.profile, fewShot, context)));
  const question = scaled(meanTokens(c.teacher, from.map((s) => questionParts(s).question)), A.questionLength);
  return { calls: 1, input: { low: frame.low + question.low, high: frame.high + question.high }, output: answerOutput(c, from) };
}

/** A teacher request's input: its messages, and its response_format schema (labels' enum) in the high estimate. */
function answerInput(c: UnitTokenContext, request: ChatRequest): TokenRange {
  const prompt = chatTokens(c.teacher, request.messages);
  const schema = request.responseFormat === undefined ? 0 : c.teacher.count(JSON.stringify(request.responseFormat.schema));
  return { low: prompt + schema * A.schemaInPrompt.low, high: prompt + schema * A.schemaInPrompt.high };
}

function augmenterInput(counter: TokenCounter, messages: readonly ChatMessage[], format: JsonSchemaFormat): TokenRange {
  const prompt = chatTokens(counter, messages);
  const schema = counter.count(JSON.stringify(format.schema));
  return { low: prompt + schema * A.schemaInPrompt.low, high: prompt + schema * A.schemaInPrompt.high };
}

/** A JSON batch of `count` questions like `from`'s, never more than the request's max_tokens. */
function batchOutput(counter: TokenCounter, from: readonly Seed[], count: number, item: Assumption, sampling: SamplingParams): TokenRange {
  const question = scaled(meanTokens(counter, from.map((s) => s.question)), A.questionLength);
  const cap = sampling.maxTokens;
  return {
    low: Math.min(cap, count * (question.low + item.low) + A.replyWrapper.low),
    high: Math.min(cap, count * (question.high + item.high) + A.replyWrapper.high),
  };
}

/** A teacher answer like the seeds' own answers, as long as the kind's answers run, capped at the answer request's max_tokens. */
function answerOutput(c: UnitTokenContext, like: readonly Seed[]): TokenRange {
  const answer = scaled(meanTokens(c.teacher, like.map((s) => s.answer)), answerLengthAssumption(c.profile));
  return { low: Math.min(ANSWER_MAX_TOKENS, answer.low), high: Math.min(ANSWER_MAX_TOKENS, answer.high) };
}

function times(n: number, one: RoleTokens): RoleTokens {
  return { calls: n * one.calls, input: { low: n * one.input.low, high: n * one.input.high }, output: { low: n * one.output.low, high: n * one.output.high } };
}

function scaled(tokens: number, factor: Assumption): TokenRange {
  return { low: tokens * factor.low, high: tokens * factor.high };
}

function meanTokens(counter: TokenCounter, texts: readonly string[]): number {
  if (texts.length === 0) return 0;
  return texts.reduce((sum, text) => sum + counter.count(text), 0) / texts.length;
}

function firstSeed(unit: WorkUnit): Seed {
  const seed = unit.seeds[0];
  if (seed === undefined) throw new Error(`Work unit ${unit.key} has no seed.`);
  return seed;
}
