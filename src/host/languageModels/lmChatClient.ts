// Core's ChatClient over VS Code's language models (Copilot's, or any extension's provider), so
// the engine meters, caches and journals them exactly as it does an HTTP endpoint:
// - each request is one attempt, reserved with the meter before it is sent, settled after;
// - system text is folded into the first user message (the API has no system role);
// - there is no response_format: the prompts' own JSON instructions and the tolerant parser do
//   the job, and each result says so (structuredOutput 'instructions');
// - tokens come from the model's countTokens and are marked as estimates (the API reports none);
// - LanguageModelError: NoPermissions, NotFound and Blocked mean the model never ran (released,
//   no spend); anything else after sending may have been billed (uncertain, spent);
// - the AbortSignal cancels the request through a CancellationToken: once sent, a cancelled
//   request may have run (uncertain, spent); one cancelled before it was sent is released.
import * as vscode from 'vscode';
import type { AttemptMeter, AttemptOutcome, ChatClient, ChatRequest, ChatResult } from '../../core/model/chat.ts';
import { ChatError } from '../../core/model/errors.ts';
import { scrubSecrets } from '../../core/model/scrubSecrets.ts';
import { foldSystemMessages } from './foldMessages.ts';

/** Finds the model a request names: by id, else by family (settings may name either). */
export async function findLanguageModel(name: string): Promise<vscode.LanguageModelChat | undefined> {
  const byId = await vscode.lm.selectChatModels({ id: name });
  if (byId.length > 0) return byId[0];
  const byFamily = await vscode.lm.selectChatModels({ family: name });
  return byFamily[0];
}

export function createLmChatClient(justification: string): ChatClient {
  // Looked up once per model name for the client's life (one run): selectChatModels is not free.
  const found = new Map<string, Promise<vscode.LanguageModelChat | undefined>>();
  async function complete(request: ChatRequest, meter: AttemptMeter, signal: AbortSignal): Promise<ChatResult> {
    if (signal.aborted) throw new ChatError('aborted', 'The request was cancelled.');
    // Found before anything is reserved: a model that is not there costs nothing.
    if (!found.has(request.model)) found.set(request.model, findLanguageModel(request.model));
    const model = await found.get(request.model);
    if (model === undefined) throw new ChatError('not-found', `No VS Code language model "${request.model}" is available; pick one of the models in the Teacher section.`);
    const messages = foldSystemMessages(request.messages).map((m) => (m.role === 'user' ? vscode.LanguageModelChatMessage.User(m.content) : vscode.LanguageModelChatMessage.Assistant(m.content)));
    if (signal.aborted) throw new ChatError('aborted', 'The request was cancelled.');
    await meter.beforeAttempt();
    // Cancelled while the attempt was being reserved: it was never sent, so it costs nothing.
    if (signal.aborted) {
      await meter.afterAttempt({ kind: 'released', status: null, reason: 'cancelled before sending' });
      throw new ChatError('aborted', 'The request was cancelled.');
    }
    const cancel = new vscode.CancellationTokenSource();
    const onAbort = (): void => cancel.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    let content = '';
    let settled = false;
    const settle = async (outcome: AttemptOutcome): Promise<void> => {
      settled = true;
      await meter.afterAttempt(outcome);
    };
    try {
      const response = await model.sendRequest(messages, { justification, modelOptions: { temperature: request.sampling.temperature, max_tokens: request.sampling.maxTokens } }, cancel.token);
      for await (const part of response.text) content += part;
      if (signal.aborted) throw new vscode.CancellationError();
      await settle({ kind: 'completed', status: 200 });
    } catch (error) {
      if (!settled) await settle(outcomeOf(error, signal));
      throw toChatError(error, signal, request.model);
    } finally {
      signal.removeEventListener('abort', onAbort);
      cancel.dispose();
    }
    const [promptTokens, completionTokens] = await Promise.all([countAll(model, messages), count(model, content)]);
    return {
      content,
      refusal: null,
      finishReason: 'stop',
      usage: { promptTokens, completionTokens, estimated: true },
      model: model.id,
      requestId: null,
      attempts: 1,
      latencyMs: Math.round(performance.now() - started),
      ...(request.responseFormat !== undefined ? { structuredOutput: 'instructions' as const } : {}),
    };
  }
  return { complete };
}

const NEVER_RAN = new Set(['NoPermissions', 'NotFound', 'Blocked']);

function outcomeOf(error: unknown, signal: AbortSignal): AttemptOutcome {
  if (error instanceof vscode.LanguageModelError && NEVER_RAN.has(error.code)) return { kind: 'released', status: null, reason: `language model: ${error.code}` };
  if (signal.aborted || error instanceof vscode.CancellationError) return { kind: 'uncertain', reason: 'aborted' };
  return { kind: 'uncertain', reason: 'stream-broken' };
}

function toChatError(error: unknown, signal: AbortSignal, model: string): ChatError {
  if (signal.aborted || error instanceof vscode.CancellationError) return new ChatError('aborted', 'The request was cancelled.', null, { cause: error });
  if (error instanceof vscode.LanguageModelError) {
    switch (error.code) {
      case 'NoPermissions':
        return new ChatError('auth', 'SeedSmith may not use this language model: allow it when VS Code asks, or in the Accounts menu (Manage Language Model Access).', null, { cause: error });
      case 'NotFound':
        return new ChatError('not-found', `The VS Code language model "${model}" is no longer available.`, null, { cause: error });
      case 'Blocked':
        return new ChatError('rate-limited', 'The language model refused the request for now (a quota or a policy); try again later.', null, { cause: error });
    }
  }
  const said = scrubSecrets(error instanceof Error ? error.message : String(error));
  return new ChatError('server', `The VS Code language model "${model}" failed: ${said}`, null, { cause: error });
}

async function count(model: vscode.LanguageModelChat, text: string | vscode.LanguageModelChatMessage): Promise<number> {
  try {
    return await model.countTokens(text);
  } catch {
    // An estimate either way: four characters a token when the provider cannot count.
    return Math.ceil((typeof text === 'string' ? text.length : JSON.stringify(text.content).length) / 4);
  }
}

async function countAll(model: vscode.LanguageModelChat, messages: readonly vscode.LanguageModelChatMessage[]): Promise<number> {
  const counts = await Promise.all(messages.map((m) => count(model, m)));
  return counts.reduce((a, b) => a + b, 0);
}
