// The VS Code language-model caller's budget outcomes, through a real provider (the fixture
// extension) in the real extension host: each LanguageModelError code and an unknown error map to
// released / uncertain with a plain message; a request cancelled in flight is cancelled through
// the token and spent as uncertain (it reached the model); a request cancelled before it was
// sent is released and never reaches the provider (nothing never sent counts as spent).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttemptOutcome, ChatRequest } from '../../../src/core/model/chat.ts';
import { createLmChatClient } from '../../../src/host/languageModels/lmChatClient.ts';
import { startTestTeacher, type TestTeacher } from '../../teacher/server.ts';
import { eventually, test } from './harness.ts';

const MODEL = 'seedsmith-lm-teacher';
let teacher: TestTeacher | undefined;

const request: ChatRequest = {
  role: 'teacher',
  model: MODEL,
  messages: [
    { role: 'system', content: 'Task: answer the question.' },
    { role: 'user', content: 'Lee has 3 marbles and finds 4 more. How many marbles does Lee have?' },
  ],
  sampling: { temperature: 0, maxTokens: 200 },
};

interface Recorded {
  readonly reserved: number;
  readonly outcomes: AttemptOutcome[];
  readonly error: { kind: string; message: string } | undefined;
}

/** One request through a fresh client; `onReserve` runs when the meter reserves the attempt. */
async function send(controller = new AbortController(), onReserve?: () => void): Promise<Recorded> {
  let reserved = 0;
  const outcomes: AttemptOutcome[] = [];
  const meter = {
    beforeAttempt: async () => {
      reserved++;
      onReserve?.();
    },
    afterAttempt: async (outcome: AttemptOutcome) => {
      outcomes.push(outcome);
    },
  };
  try {
    await createLmChatClient('SeedSmith test').complete(request, meter, controller.signal);
    return { reserved, outcomes, error: undefined };
  } catch (error) {
    const e = error as { kind?: string; message?: string };
    return { reserved, outcomes, error: { kind: e.kind ?? 'not a ChatError', message: e.message ?? '' } };
  }
}

async function providerStats(): Promise<{ requests: number; cancelled: number }> {
  return (await vscode.commands.executeCommand('seedsmithTestLm.stats')) as { requests: number; cancelled: number };
}

async function useTeacher(knobs: Parameters<typeof startTestTeacher>[0], fail: string | null = null): Promise<TestTeacher> {
  await teacher?.close();
  teacher = await startTestTeacher(knobs);
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { url: teacher.url, hidden: false, fail });
  await eventually(async () => ((await vscode.lm.selectChatModels({ id: MODEL })).length > 0 ? true : undefined), 'the fixture\'s model to be listed');
  return teacher;
}

test('VS Code language models: a completed request is spent once', async () => {
  const lm = await useTeacher({});
  const r = await send();
  assert.equal(r.error, undefined);
  assert.equal(r.reserved, 1);
  assert.deepEqual(r.outcomes, [{ kind: 'completed', status: 200 }]);
  assert.equal(lm.stats().totals.completions, 1);
});

for (const [code, kind, said] of [
  ['NoPermissions', 'auth', /SeedSmith may not use this language model: allow it when VS Code asks/],
  ['Blocked', 'rate-limited', /The language model refused the request for now/],
  ['NotFound', 'not-found', /The VS Code language model "seedsmith-lm-teacher" is no longer available\./],
] as const) {
  test(`VS Code language models: ${code} from the provider is released (the model never ran), with a plain message`, async () => {
    const lm = await useTeacher({}, code);
    const before = await providerStats();
    const r = await send();
    assert.equal((await providerStats()).requests, before.requests + 1, 'the request reached the provider');
    assert.equal(r.reserved, 1);
    assert.deepEqual(r.outcomes, [{ kind: 'released', status: null, reason: `language model: ${code}` }]);
    assert.equal(r.error?.kind, kind);
    assert.match(r.error?.message ?? '', said);
    assert.equal(lm.stats().totals.requests, 0, 'the teacher got nothing');
  });
}

test('VS Code language models: an unknown provider error may have been billed: uncertain (spent), with what the provider said', async () => {
  await useTeacher({}, 'other');
  const r = await send();
  assert.equal(r.reserved, 1);
  assert.deepEqual(r.outcomes, [{ kind: 'uncertain', reason: 'stream-broken' }]);
  assert.equal(r.error?.kind, 'server');
  assert.match(r.error?.message ?? '', /The VS Code language model "seedsmith-lm-teacher" failed: .*the test provider broke down/);
});

test('VS Code language models: a request cancelled in flight is cancelled through the token and spent as uncertain', async () => {
  const lm = await useTeacher({ hangRate: 1 });
  const before = await providerStats();
  const controller = new AbortController();
  const sent = send(controller);
  await eventually(() => (lm.stats().totals.hung === 1 ? true : undefined), 'the teacher to hold the request');
  controller.abort();
  const r = await sent;
  assert.equal(r.error?.kind, 'aborted');
  assert.equal(r.error?.message, 'The request was cancelled.');
  assert.equal(r.reserved, 1);
  assert.deepEqual(r.outcomes, [{ kind: 'uncertain', reason: 'aborted' }]);
  await eventually(async () => ((await providerStats()).cancelled === before.cancelled + 1 ? true : undefined), 'the provider\'s token to be cancelled');
  assert.equal(lm.stats().totals.completions, 0);
});

test('VS Code language models: a request cancelled before it was sent is released and never reaches the provider', async () => {
  const lm = await useTeacher({});
  const before = await providerStats();
  const controller = new AbortController();
  // Cancelled while the attempt is being reserved: after the reservation, before the send.
  const r = await send(controller, () => controller.abort());
  assert.equal(r.error?.kind, 'aborted');
  assert.equal(r.reserved, 1);
  assert.deepEqual(r.outcomes, [{ kind: 'released', status: null, reason: 'cancelled before sending' }]);
  assert.equal((await providerStats()).requests, before.requests, 'the provider got nothing');
  assert.equal(lm.stats().totals.requests, 0, 'the teacher got nothing');
});

test('VS Code language models: errors: clean up', async () => {
  await vscode.commands.executeCommand('seedsmithTestLm.configure', { hidden: true });
  await teacher?.close();
});
