// Intents of the Teacher section's model choices (issue 13): picking a VS Code language model and
// the teacher ensemble. What the webview sends is untrusted: the host checks it before it writes a setting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ENSEMBLE, parseWebviewIntent } from '../../src/shared/protocol.ts';

describe('teacher model intents', () => {
  it('setTeacherModel carries one model id; an empty, multi-line or comma-separated one is refused', () => {
    assert.deepEqual(parseWebviewIntent({ type: 'setTeacherModel', model: 'copilot-gpt-4o' }), { type: 'setTeacherModel', model: 'copilot-gpt-4o' });
    for (const model of ['', '  ', 'a\nb', 'a,b', 7, 'x'.repeat(201)]) assert.equal(parseWebviewIntent({ type: 'setTeacherModel', model }), undefined, JSON.stringify(model));
  });

  it('setEnsemble carries distinct models with whole weights from 1 to 1000, at most MAX_ENSEMBLE, extra fields dropped', () => {
    assert.deepEqual(parseWebviewIntent({ type: 'setEnsemble', teachers: [{ model: 'a', weight: 3, extra: '<b>' }, { model: 'b', weight: 1 }] }), { type: 'setEnsemble', teachers: [{ model: 'a', weight: 3 }, { model: 'b', weight: 1 }] });
    assert.deepEqual(parseWebviewIntent({ type: 'setEnsemble', teachers: [] }), { type: 'setEnsemble', teachers: [] });
    const refused = [
      [{ model: 'a', weight: 0 }],
      [{ model: 'a', weight: 1.5 }],
      [{ model: 'a', weight: 1001 }],
      [{ model: 'a', weight: '3' }],
      [{ model: 'a', weight: 1 }, { model: 'a', weight: 2 }],
      [{ model: 'a,b', weight: 1 }],
      [null],
      Array.from({ length: MAX_ENSEMBLE + 1 }, (_, i) => ({ model: `m${i}`, weight: 1 })),
    ];
    for (const teachers of refused) assert.equal(parseWebviewIntent({ type: 'setEnsemble', teachers }), undefined, JSON.stringify(teachers));
    assert.equal(parseWebviewIntent({ type: 'setEnsemble', teachers: 'a,b' }), undefined);
  });
});
