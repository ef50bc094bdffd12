// VS Code's language model API has no system role: the system text goes in front of the first
// user message, nothing is lost or reordered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldSystemMessages } from '../../src/host/languageModels/foldMessages.ts';

describe('system text folded for VS Code language models', () => {
  it('into the first user message, in order; other messages unchanged', () => {
    assert.deepEqual(
      foldSystemMessages([
        { role: 'system', content: 'Task: answer' },
        { role: 'user', content: 'Question: 2 + 3?' },
        { role: 'assistant', content: '#### 5' },
        { role: 'user', content: 'Question: 4 + 4?' },
      ]),
      [
        { role: 'user', content: 'Task: answer\n\nQuestion: 2 + 3?' },
        { role: 'assistant', content: '#### 5' },
        { role: 'user', content: 'Question: 4 + 4?' },
      ],
    );
    assert.deepEqual(foldSystemMessages([{ role: 'user', content: 'hi' }]), [{ role: 'user', content: 'hi' }]);
    assert.deepEqual(foldSystemMessages([{ role: 'system', content: 'A' }, { role: 'system', content: 'B' }, { role: 'assistant', content: 'x' }]), [{ role: 'user', content: 'A\n\nB' }, { role: 'assistant', content: 'x' }]);
  });
});
