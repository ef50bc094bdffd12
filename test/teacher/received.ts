// The prompts the teacher received, so tests can assert on what SeedSmith really sent (few-shot
// examples, format instruction, context) rather than on what it meant to send. Bounded: a
// long-running `npm start` teacher keeps the most recent ones only.
import type { PromptView } from './prompt.ts';
import type { ChatRequest } from './protocol.ts';

export interface ReceivedPrompt {
  model: string;
  task: PromptView['task'];
  /** The question the teacher read from it. */
  question: string;
  messages: { role: string; content: string }[];
  /** The response_format sent ({type: 'text'} when none). */
  responseFormat: ChatRequest['responseFormat'];
}

export const RECEIVED_KEPT = 5000;

export class ReceivedLog {
  #items: ReceivedPrompt[] = [];

  add(request: ChatRequest, prompt: PromptView): void {
    this.#items.push({ model: request.model, task: prompt.task, question: prompt.question, messages: request.messages.map((m) => ({ role: m.role, content: m.content })), responseFormat: request.responseFormat });
    if (this.#items.length > RECEIVED_KEPT) this.#items.splice(0, this.#items.length - RECEIVED_KEPT);
  }

  list(): ReceivedPrompt[] {
    return structuredClone(this.#items);
  }

  clear(): void {
    this.#items = [];
  }
}
