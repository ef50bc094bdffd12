// A scripted ChatClient for engine tests that need exact control of what happens when: it answers
// SeedSmith's prompts with minimal well-formed output (rephrasings, new questions, an answer with
// a `####` line), meters every call through the meter it is given, and can stop answering after a
// number of calls, the way a process that is about to be killed leaves its last requests out.
import type { AttemptMeter, ChatClient, ChatRequest, ChatResult } from '../../src/core/model/chat.ts';

export class FakeModel implements ChatClient {
  /** Calls answered. */
  served = 0;
  /** Calls reserved and left hanging (never settled). */
  hanging = 0;
  /** Once this many calls are answered, later ones are reserved and never answered. */
  hangAfter: number | null = null;

  async complete(request: ChatRequest, meter: AttemptMeter): Promise<ChatResult> {
    await meter.beforeAttempt();
    if (this.hangAfter !== null && this.served >= this.hangAfter) {
      this.hanging++;
      return new Promise<ChatResult>(() => {});
    }
    this.served++;
    await meter.afterAttempt({ kind: 'completed', status: 200 });
    return { content: contentFor(request), refusal: null, finishReason: 'stop', usage: { promptTokens: 20, completionTokens: 10 }, model: request.model, requestId: null, attempts: 1, latencyMs: 1 };
  }
}

function contentFor(request: ChatRequest): string {
  const system = request.messages[0]?.content ?? '';
  const user = request.messages[request.messages.length - 1]?.content ?? '';
  const count = Number(/^Count: (\d+)$/m.exec(user)?.[1] ?? '1');
  const question = /Question: (.*)$/m.exec(user)?.[1] ?? '';
  const tag = `${request.sampling.seed ?? 0}`;
  if (/^Task: rephrase$/m.test(system)) return JSON.stringify({ rephrasings: Array.from({ length: count }, (_, i) => `${question} (wording ${tag}.${i})`) });
  if (/^Task: new_questions$/m.test(system)) {
    return JSON.stringify({ questions: Array.from({ length: count }, (_, i) => ({ question: `How many apples are in basket ${tag}.${i}?`, answerable: true, reason: 'It has a number.' })) });
  }
  return `Counting carefully gives the total.\n#### ${question.length % 97}`;
}
