// One chat completion produced without HTTP: what a batch line (or the offline runner) gets for
// its body. It follows the online route's content rules (same prompts → same answers, same
// stats) but none of its transport faults: a batch line's fate is decided by the batch knobs.
import { completeChoices } from './completer.ts';
import { completionObject, usageOf } from './completionBody.ts';
import type { TeacherKnobs } from './knobs.ts';
import { readPrompt } from './prompt.ts';
import { ApiError, parseChatRequest } from './protocol.ts';
import type { TeacherCore } from './teacherCore.ts';
import { estimatePromptTokens } from './tokens.ts';

export interface ExecutedChat {
  readonly statusCode: number;
  readonly body: unknown;
}

export function executeChat(core: TeacherCore, knobs: Readonly<TeacherKnobs>, body: unknown): ExecutedChat {
  const named = (body as { model?: unknown } | null)?.model;
  const model = typeof named === 'string' && named !== '' ? named : '(none)';
  core.stats.request(model);
  try {
    const request = parseChatRequest(body);
    if (knobs.models !== null && !knobs.models.includes(request.model)) {
      throw new ApiError(404, `The model \`${request.model}\` does not exist or you do not have access to it.`, { param: 'model', code: 'model_not_found' });
    }
    if (knobs.rejectResponseFormat && request.responseFormat.type === 'json_schema') {
      throw new ApiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", { param: 'response_format', code: 'unsupported_parameter' });
    }
    const index = core.nextRequestIndex();
    const prompt = readPrompt(request);
    core.received.add(request, prompt);
    const sampleKey = request.temperature === 0 ? 'greedy' : request.seed !== null ? `seed:${request.seed}` : `call:${core.nextSampleCall(prompt.promptHash)}`;
    const choices = completeChoices({ request, prompt, registry: core.registry, knobs, requestIndex: index, sampleKey });
    const usage = usageOf(estimatePromptTokens(request.messages), choices);
    core.stats.completion(model, usage.prompt_tokens, usage.completion_tokens, choices.map((c) => c.fault));
    const meta = { id: `chatcmpl-sb${String(core.nextServed()).padStart(6, '0')}`, created: Math.floor(Date.now() / 1000), model };
    return { statusCode: 200, body: completionObject(meta, choices, usage) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    core.stats.error(model, error.status);
    return { statusCode: error.status, body: error.body() };
  }
}
