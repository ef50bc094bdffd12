// The teacher step all three strategies share: answer one question with the answer prompt and
// read the checks that need no gold answer.
import type { ChatRequest } from '../model/chat.ts';
import { renderPrompt } from '../prompts/render.ts';
import type { PromptTemplate } from '../prompts/template.ts';
import type { CallRecord, SampleFlag } from '../samples/sample.ts';
import { callModel } from './callModel.ts';
import { answerFlags, refusalOf } from './parseAnswer.ts';
import { answerSampling } from './sampling.ts';
import type { ModelCaller, PlanOptions } from './strategy.ts';

export interface TeacherAnswer {
  /** The content as it came back ('' when there was none). */
  readonly answer: string;
  readonly flags: readonly SampleFlag[];
  readonly record: CallRecord;
  readonly notes: readonly string[];
}

export function answerRequest(template: PromptTemplate, question: string, options: PlanOptions, samplingSeed: number): ChatRequest {
  return {
    role: 'teacher',
    model: options.teacherModel,
    messages: renderPrompt(template, { question }),
    sampling: answerSampling(samplingSeed),
  };
}

export async function askTeacher(
  models: ModelCaller,
  template: PromptTemplate,
  question: string,
  options: PlanOptions,
  samplingSeed: number,
  signal: AbortSignal,
): Promise<TeacherAnswer> {
  const request = answerRequest(template, question, options, samplingSeed);
  const { result, record } = await callModel(models, request, { id: template.id, hash: template.hash }, signal);
  const refusal = refusalOf(result);
  return {
    answer: result.content,
    flags: answerFlags(result),
    record,
    notes: refusal === null ? [] : [`The teacher refused: ${refusal}`],
  };
}
