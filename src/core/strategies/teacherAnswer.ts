// The teacher step all three strategies share: answer one question with the answer prompt, in
// the form of the answer kind (a format instruction and a few of the user's own seed pairs as
// examples), and read the checks that need no gold answer.
import type { ChatRequest, JsonSchemaFormat } from '../model/chat.ts';
import type { AnswerProfile } from '../profile/types.ts';
import { answerContextBlock, answerExamplesBlock } from '../prompts/examples.ts';
import type { ExampleText } from '../prompts/examples.ts';
import { formatInstruction, profileLineage } from '../prompts/kindFormat.ts';
import { questionParts } from '../prompts/questionParts.ts';
import { renderPrompt } from '../prompts/render.ts';
import type { PromptTemplate } from '../prompts/template.ts';
import type { CallRecord, SampleFlag } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import { callModel } from './callModel.ts';
import { labelFromReply, labelResponseFormat } from './labelFormat.ts';
import { answerFlags, refusalOf } from './parseAnswer.ts';
import { answerSampling } from './sampling.ts';
import type { ModelCaller, PlanOptions, WorkUnit } from './strategy.ts';

export interface TeacherAnswer {
  /** The content as it came back ('' when there was none). */
  readonly answer: string;
  readonly flags: readonly SampleFlag[];
  readonly record: CallRecord;
  readonly notes: readonly string[];
}

/** What an answer request shows besides the question: the kind's format, examples, the context. */
export interface AnswerShot {
  readonly format: string;
  readonly examples: string;
  readonly context: string;
  /** The profile's part of the lineage (profileLineage). */
  readonly kind: string;
  /** Structured output for the kind where it helps (labels: an enum of the set). */
  readonly responseFormat?: JsonSchemaFormat;
}

export function answerShot(profile: AnswerProfile | undefined, examples: readonly ExampleText[], context: string | undefined): AnswerShot {
  const responseFormat = labelResponseFormat(profile);
  return { format: formatInstruction(profile), examples: answerExamplesBlock(examples, context), context: answerContextBlock(context), kind: profileLineage(profile), ...(responseFormat ? { responseFormat } : {}) };
}

/** The shot of a request whose examples are seeds: each shown with its own question and context. */
export function seedShot(profile: AnswerProfile | undefined, examples: readonly Pick<Seed, 'question' | 'answer' | 'context'>[], context: string | undefined): AnswerShot {
  return answerShot(profile, examples.map((e) => ({ ...questionParts(e), answer: e.answer })), context);
}

/** Without a profile: GSM8K's instruction, no examples, no context (estimates of a plain question). */
export const PLAIN_SHOT: AnswerShot = answerShot(undefined, [], undefined);

export function answerRequest(template: PromptTemplate, question: string, options: PlanOptions, samplingSeed: number, shot: AnswerShot = PLAIN_SHOT): ChatRequest {
  return {
    role: 'teacher',
    model: options.teacherModel,
    messages: renderPrompt(template, { question, format: shot.format, examples: shot.examples, context: shot.context }),
    sampling: answerSampling(samplingSeed),
    ...(shot.responseFormat ? { responseFormat: shot.responseFormat } : {}),
  };
}

export async function askTeacher(
  models: ModelCaller,
  template: PromptTemplate,
  question: string,
  options: PlanOptions,
  samplingSeed: number,
  signal: AbortSignal,
  shot: AnswerShot = PLAIN_SHOT,
): Promise<TeacherAnswer> {
  const request = answerRequest(template, question, options, samplingSeed, shot);
  const { result, record } = await callModel(models, request, { id: template.id, hash: template.hash, kind: shot.kind }, signal);
  const refusal = refusalOf(result);
  return {
    // A structured label reply is kept as the label itself: the sample's answer is what a student learns.
    answer: shot.responseFormat ? labelFromReply(result.content) : result.content,
    flags: answerFlags(result, shot.kind),
    record,
    notes: refusal === null ? [] : [`The teacher refused: ${refusal}`],
  };
}

/** The options for the unit's i-th teacher query: its ensemble teacher when it has one. */
export function teacherOptions(unit: WorkUnit, i: number, options: PlanOptions): PlanOptions {
  const model = unit.teachers?.[i];
  return model === undefined ? options : { ...options, teacherModel: model };
}

/** The draft field that names an ensemble teacher (nothing for a single teacher: the run's). */
export function teacherOf(unit: WorkUnit, i: number): { readonly teacherModel?: string } {
  const model = unit.teachers?.[i];
  return model === undefined ? {} : { teacherModel: model };
}
