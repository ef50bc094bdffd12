// Structured output per provider. Endpoints differ: OpenAI and Azure take response_format
// json_schema; local servers take it or not depending on their version, and some answer 400 to
// it. The prompts already say what JSON to write (the `Task:` line and the template), and the
// strategies read answers with a tolerant parser, so an endpoint without the feature still works
// when the schema is simply left out.
//
// 'probe' finds out once per client: the first structured request goes out with the schema while
// the others wait for its verdict. A 400/422 answer is released by the meter (the model never ran,
// nothing is spent), and the request is sent again without the schema; when that succeeds the
// endpoint is marked as taking instructions only, and every later request goes that way at once.
// Each result says which way it was made, and that goes into the sample's lineage.
import type { AttemptMeter, ChatClient, ChatRequest, ChatResult, StructuredOutputWay } from '../core/model/chat.ts';
import { ChatError } from '../core/model/errors.ts';

export type StructuredOutputMode = 'native' | 'probe' | 'instructions';

export type StructuredOutputVerdict = StructuredOutputWay | 'unknown';

export interface StructuredOutputClient<C extends ChatClient> {
  readonly client: C;
  /** What is known of the endpoint now: 'unknown' until a probe has answered. */
  verdict(): StructuredOutputVerdict;
}

export function withStructuredOutput<C extends ChatClient>(inner: C, mode: StructuredOutputMode): StructuredOutputClient<C> {
  let verdict: StructuredOutputVerdict = mode === 'native' ? 'json-schema' : mode === 'instructions' ? 'instructions' : 'unknown';
  let probe: Promise<unknown> | null = null;

  const send = async (request: ChatRequest, meter: AttemptMeter, signal: AbortSignal, way: StructuredOutputWay): Promise<ChatResult> => {
    const sent = way === 'instructions' ? withoutFormat(request) : request;
    return { ...(await inner.complete(sent, meter, signal)), structuredOutput: way };
  };

  const complete = async (request: ChatRequest, meter: AttemptMeter, signal: AbortSignal): Promise<ChatResult> => {
    if (request.responseFormat === undefined) return inner.complete(request, meter, signal);
    while (verdict === 'unknown' && probe !== null) await probe.catch(() => {});
    if (verdict !== 'unknown') return send(request, meter, signal, verdict);
    const attempt = (async () => {
      try {
        const result = await send(request, meter, signal, 'json-schema');
        verdict = 'json-schema';
        return result;
      } catch (error) {
        if (!(error instanceof ChatError) || error.kind !== 'bad-request') throw error;
        const result = await send(request, meter, signal, 'instructions');
        verdict = 'instructions';
        return result;
      }
    })();
    probe = attempt;
    try {
      return await attempt;
    } finally {
      probe = null;
    }
  };

  // The clients are plain objects of functions (createChatClient), so a copy keeps the rest of them.
  const client: C = { ...inner, complete };
  return { client, verdict: () => verdict };
}

function withoutFormat(request: ChatRequest): ChatRequest {
  const { responseFormat: _dropped, ...rest } = request;
  return rest;
}
