// Prompt templates as data: ids, hashes, rendering, preview, and seedsmith.jsonc overrides with
// positions a person can jump to. Expected positions are found in the fixture text itself
// (indexOf a marker), never computed by the code under test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_PROMPTS,
  findPlaceholders,
  formatInstruction,
  loadPromptOverrides,
  makeTemplate,
  positionAt,
  previewPrompt,
  PROMPT_IDS,
  renderPrompt,
  templateHash,
} from '../../src/core/prompts/index.ts';
import { profileSeeds } from '../../src/core/profile/index.ts';

/** 1-based line and column of the first occurrence of `marker` in `text` (+ `delta` characters). */
function where(text: string, marker: string, delta = 0): { line: number; column: number } {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `fixture contains ${marker}`);
  const before = text.slice(0, offset + delta).split(/\r\n|\n|\r/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('default prompt templates', () => {
  it('has the four ids, each with its task, a 16-hex hash and its placeholders used', () => {
    assert.deepEqual(Object.keys(DEFAULT_PROMPTS).sort(), [...PROMPT_IDS].sort());
    assert.deepEqual(PROMPT_IDS, ['answer.cot.v1', 'rephrase.v1', 'new-question.v1', 'self-check.v1']);
    const tasks = Object.fromEntries(PROMPT_IDS.map((id) => [id, DEFAULT_PROMPTS[id].task]));
    assert.deepEqual(tasks, { 'answer.cot.v1': 'answer', 'rephrase.v1': 'rephrase', 'new-question.v1': 'new_questions', 'self-check.v1': 'self_check' });
    const hashes = new Set<string>();
    for (const id of PROMPT_IDS) {
      const t = DEFAULT_PROMPTS[id];
      assert.equal(t.id, id);
      assert.match(t.hash, /^[0-9a-f]{16}$/);
      hashes.add(t.hash);
      assert.equal(t.source, 'default');
      const used = new Set(findPlaceholders(t.system + t.user).map((p) => p.name));
      assert.deepEqual([...used].sort(), [...t.placeholders, ...(t.optional ?? [])].sort(), `${id} uses exactly its placeholders`);
    }
    assert.equal(hashes.size, 4, 'hashes differ');
  });

  it('hashes are sha256 of the text: stable, and any change in any field changes them', () => {
    const t = DEFAULT_PROMPTS['answer.cot.v1'];
    assert.equal(templateHash(t), t.hash);
    assert.equal(makeTemplate({ ...t }).hash, t.hash);
    assert.notEqual(templateHash({ ...t, system: `${t.system} ` }), t.hash);
    assert.notEqual(templateHash({ ...t, user: `${t.user}.` }), t.hash);
    // Moving text from one message to the other is a different prompt.
    assert.notEqual(templateHash({ ...t, system: 'ab', user: 'c' }), templateHash({ ...t, system: 'a', user: 'bc' }));
  });

  it('the answer prompt, without a profile or for GSM8K-style seeds, asks for step-by-step reasoning ending in a "#### <answer>" line', () => {
    const t = DEFAULT_PROMPTS['answer.cot.v1'];
    for (const format of [formatInstruction(undefined), formatInstruction(profileSeeds([{ answer: 'Half of 4 is 2.\n#### 2' }, { answer: 'So 3 + 4 = 7.\n#### 7' }]))]) {
      const [system] = renderPrompt(t, { question: 'How many?', format });
      assert.match(system!.content, /step by step/);
      assert.match(system!.content, /^#### <final answer>$/m);
    }
  });

  it('the rephrase prompt keeps numbers and meaning; new-question asks for the domain, difficulty and a self-check', () => {
    assert.match(DEFAULT_PROMPTS['rephrase.v1'].system, /keep every number/);
    assert.match(DEFAULT_PROMPTS['rephrase.v1'].system, /exactly the same/);
    const nq = DEFAULT_PROMPTS['new-question.v1'].system;
    for (const phrase of [/same domain/, /difficulty/, /different situation/, /"answerable"/]) assert.match(nq, phrase);
  });
});

describe('renderPrompt and previewPrompt', () => {
  it('renders [system, user] with the Task line first in the system message', () => {
    const messages = renderPrompt(DEFAULT_PROMPTS['rephrase.v1'], { count: 3, question: 'How many apples?' });
    assert.equal(messages.length, 2);
    assert.equal(messages[0]!.role, 'system');
    assert.equal(messages[1]!.role, 'user');
    assert.ok(messages[0]!.content.startsWith('Task: rephrase\n\n'));
    assert.equal([...messages[0]!.content.matchAll(/^Task:/gm)].length, 1, 'one Task line');
    assert.match(messages[1]!.content, /^Count: 3$/m);
    assert.match(messages[1]!.content, /\nQuestion: How many apples\?$/);
    assert.doesNotMatch(messages[0]!.content + messages[1]!.content, /\{\{/);
  });

  it('inserts values verbatim, once: braces in seed text are not expanded', () => {
    const messages = renderPrompt(DEFAULT_PROMPTS['answer.cot.v1'], { question: 'What is {{question}} and $& and $1?' });
    assert.equal(messages[1]!.content, 'Question: What is {{question}} and $& and $1?');
  });

  it('accepts spaces inside the braces', () => {
    const t = makeTemplate({ ...DEFAULT_PROMPTS['answer.cot.v1'], user: 'Q: {{ question }}' });
    assert.equal(renderPrompt(t, { question: 'x?' })[1]!.content, 'Q: x?');
  });

  it('throws when a placeholder has no value', () => {
    assert.throws(() => renderPrompt(DEFAULT_PROMPTS['rephrase.v1'], { question: 'q' }), /rephrase\.v1.*\{\{count\}\}/);
  });

  it('preview shows exactly the rendered messages, with id and hash, and keeps unfilled placeholders visible', () => {
    const t = DEFAULT_PROMPTS['rephrase.v1'];
    const vars = { count: 2, question: 'Why?' };
    const [system, user] = renderPrompt(t, vars);
    const preview = previewPrompt(t, vars);
    assert.ok(preview.includes(system!.content));
    assert.ok(preview.includes(user!.content));
    assert.ok(preview.includes(t.hash) && preview.includes(t.id));
    const partial = previewPrompt(t, { count: 2 });
    assert.match(partial, /Question: \{\{question\}\}/);
    assert.doesNotMatch(partial, /\{\{count\}\}/);
  });
});

describe('loadPromptOverrides', () => {
  it('applies a valid override: new text, new hash, source "override"; other prompts keep theirs', () => {
    const text = `{
  // project prompts
  "fieldMapping": { "question": "q", "answer": "a" },
  "prompts": {
    "answer.cot.v1": { "system": "Solve it. End with #### <answer>.", "user": "Problem: {{question}}" },
  },
}`;
    const result = loadPromptOverrides(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.overridden, ['answer.cot.v1']);
    const t = result.prompts['answer.cot.v1'];
    assert.equal(t.system, 'Solve it. End with #### <answer>.');
    assert.equal(t.user, 'Problem: {{question}}');
    assert.equal(t.source, 'override');
    assert.notEqual(t.hash, DEFAULT_PROMPTS['answer.cot.v1'].hash);
    assert.equal(t.hash, templateHash(t));
    assert.equal(result.prompts['rephrase.v1'], DEFAULT_PROMPTS['rephrase.v1']);
    assert.equal(renderPrompt(t, { question: 'x' })[1]!.content, 'Problem: x');
  });

  it('an override of one text keeps the other default, and still changes the hash', () => {
    const result = loadPromptOverrides('{"prompts": {"rephrase.v1": {"system": "Reword it, numbers intact."}}}');
    assert.deepEqual(result.errors, []);
    const t = result.prompts['rephrase.v1'];
    assert.equal(t.user, DEFAULT_PROMPTS['rephrase.v1'].user);
    assert.notEqual(t.hash, DEFAULT_PROMPTS['rephrase.v1'].hash);
  });

  it('rejects an override that leaves out a required placeholder, at the prompt id, and does not apply it', () => {
    const text = '{\n  "prompts": {\n    "rephrase.v1": {\n      "user": "Rephrase: {{question}}"\n    }\n  }\n}';
    const result = loadPromptOverrides(text);
    assert.equal(result.errors.length, 1);
    const [error] = result.errors;
    assert.deepEqual({ line: error!.line, column: error!.column }, where(text, '"rephrase.v1"'));
    assert.equal(error!.promptId, 'rephrase.v1');
    assert.match(error!.message, /\{\{count\}\}/);
    assert.equal(result.prompts['rephrase.v1'], DEFAULT_PROMPTS['rephrase.v1']);
    assert.deepEqual(result.overridden, []);
  });

  it('points at a misspelt placeholder inside the string, after escapes, with CRLF line ends', () => {
    const text = '{\r\n  "prompts": {\r\n    "self-check.v1": { "user": "Say \\"hi\\" {{qustion}} {{question}}" }\r\n  }\r\n}';
    const result = loadPromptOverrides(text);
    assert.equal(result.errors.length, 1);
    assert.deepEqual({ line: result.errors[0]!.line, column: result.errors[0]!.column }, where(text, '{{qustion}}'));
    assert.equal(result.errors[0]!.line, 3);
    assert.match(result.errors[0]!.message, /qustion/);
    assert.equal(result.prompts['self-check.v1'], DEFAULT_PROMPTS['self-check.v1']);
  });

  it('reports syntax errors with line and column and applies nothing', () => {
    const text = '{\n  "prompts": {\n    "answer.cot.v1": { "user": "Q: {{question}}" }\n    "rephrase.v1": {}\n  }\n}';
    const result = loadPromptOverrides(text);
    assert.ok(result.errors.length >= 1);
    assert.deepEqual({ line: result.errors[0]!.line, column: result.errors[0]!.column }, where(text, '"rephrase.v1"'));
    assert.match(result.errors[0]!.message, /comma expected/);
    assert.deepEqual(result.overridden, []);
    assert.equal(result.prompts, DEFAULT_PROMPTS);
  });

  it('reports an unknown prompt id, an unknown key, a non-string text and an empty user text', () => {
    const text = `{"prompts": {
  "answer.v9": {"user": "{{question}}"},
  "answer.cot.v1": {"sytem": "x", "user": "{{question}}"},
  "rephrase.v1": {"system": 42},
  "self-check.v1": {"user": "  "}
}}`;
    const result = loadPromptOverrides(text);
    const found = result.errors.map((e) => ({ line: e.line, column: e.column, id: e.promptId }));
    assert.deepEqual(found, [
      { ...where(text, '"answer.v9"'), id: 'answer.v9' },
      { ...where(text, '"sytem"'), id: 'answer.cot.v1' },
      { ...where(text, '42'), id: 'rephrase.v1' },
      { ...where(text, '"  "'), id: 'self-check.v1' },
    ]);
    assert.deepEqual(result.overridden, []);
  });

  it('reports a "prompts" that is not an object, and a root that is not an object', () => {
    const a = '{ "prompts": [1] }';
    assert.deepEqual(loadPromptOverrides(a).errors.map((e) => [e.line, e.column]), [[1, a.indexOf('[') + 1]]);
    assert.equal(loadPromptOverrides('[]').errors.length, 1);
  });

  it('an empty or comment-only file, or one without "prompts", overrides nothing and is not an error', () => {
    for (const text of ['', '  // nothing yet\n', '{}', '{"defaults": {"budget": 5}}']) {
      const result = loadPromptOverrides(text);
      assert.deepEqual(result.errors, [], JSON.stringify(text));
      assert.equal(result.prompts, DEFAULT_PROMPTS);
    }
  });
});

describe('positionAt', () => {
  it('counts LF, CRLF and lone CR as line ends, columns in UTF-16 units from 1', () => {
    const text = 'ab\ncd\r\nef\rg😀h';
    assert.deepEqual(positionAt(text, 0), { line: 1, column: 1 });
    assert.deepEqual(positionAt(text, text.indexOf('d')), { line: 2, column: 2 });
    assert.deepEqual(positionAt(text, text.indexOf('f')), { line: 3, column: 2 });
    assert.deepEqual(positionAt(text, text.indexOf('h')), { line: 4, column: 4 });
  });
});
