// The page P4 loads in Chromium: the real sidebar bundle (dist/webview.js) and stylesheet, with a
// stand-in host in the page that holds 10,000 samples and answers intents as the extension host
// does (a fresh snapshot around the cursor after each decision). The host is the only stand-in:
// VS Code's webview plumbing is not what is measured; the sidebar's handling of a keystroke is.
// No stand-in answers `reviewFocus`, so the sidebar handles the default keys itself, as it does
// in VS Code until the review keybindings see it focused.

export function p4PageHtml(samples: number): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><link rel="stylesheet" href="/sidebar.css"><title>P4</title></head>
<body><div id="app"></div>
<script>
(() => {
  const SAMPLES = ${samples};
  const words = 'the of and a to in is you that it he was for on are as with his they at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part'.split(' ');
  const text = (seed, n) => { let out = []; for (let i = 0; i < n; i++) out.push(words[(seed * 31 + i * 17) % words.length]); return out.join(' '); };
  let queue = Array.from({ length: SAMPLES }, (_, i) => 's' + i);
  const decided = new Map();
  let cursor = 0;
  let revision = 0;
  const card = (id, position) => {
    const n = Number(id.slice(1));
    return { id, position, strategy: 'answer-augmentation', state: 'pending', flags: n % 7 === 0 ? ['truncated'] : [],
      seed: { line: n + 1, question: text(n, 40) + '?', answer: text(n + 1, 60) + '\\n#### ' + n },
      seedLines: [n + 1], question: text(n, 40) + '?', answer: text(n + 2, 80) + '\\n#### ' + n, edited: false, reason: null, notes: [],
      cost: { teacherQueries: 1, augmenterCalls: 0, tokens: 420 }, checks: [{ check: 'gold-match', status: 'pass', detail: 'final answer ' + n + ' matches the seed' }] };
  };
  const snapshot = () => {
    const from = Math.max(0, cursor - 3), to = Math.min(queue.length, cursor + 26);
    const accepted = [...decided.values()].filter((d) => d === 'accept').length;
    return { revision: ++revision,
      seedFile: { kind: 'loaded', file: { displayPath: 'seeds.jsonl', fileName: 'seeds.jsonl', uri: 'file:///seeds.jsonl', shape: 'question / answer', questionField: 'question', answerField: 'answer', validSeeds: SAMPLES, badLineCount: 0, warningCount: 0, blankLines: 0, badLines: [] } },
      budget: { teacher: { limit: SAMPLES, spent: SAMPLES, reserved: 0, remaining: 0, retries: 0 }, augmenter: { limit: SAMPLES, spent: 0, reserved: 0, remaining: SAMPLES, retries: 0 } },
      teacher: { baseUrl: 'http://127.0.0.1/v1', teacherModel: 't', augmenterModel: 't', hasApiKey: true, connection: { state: 'unknown', message: '' } },
      strategy: { choice: 'answer-augmentation', samplesPerSeed: null, questionsPerCall: 3, recommendation: null, estimates: [], feedback: null },
      run: { state: 'idle', blocked: null, progress: null, last: null },
      review: { filter: 'pending', strategy: 'auto', counts: { total: SAMPLES, pending: queue.length, accepted, rejected: decided.size - accepted, flagged: 0 },
        queueLength: queue.length, cursor, window: queue.slice(from, to).map((id, i) => card(id, from + i)), canUndo: decided.size > 0, readOnly: null, readOnlyFix: null,
        keys: { accept: 'a', reject: 'x', edit: 'e', skip: 'Space', undo: '⌫ / u' } },
      workspaceTrusted: true };
  };
  const post = (fact) => window.postMessage(fact, '*');
  window.acquireVsCodeApi = () => ({
    getState: () => undefined, setState: () => {},
    postMessage: (intent) => {
      if (intent.type === 'ready') post({ type: 'snapshot', snapshot: snapshot() });
      if (intent.type === 'decide') {
        // The extension host journals the decision, then answers with the queue as it now is.
        decided.set(intent.sampleId, intent.decision);
        queue = queue.filter((id) => id !== intent.sampleId);
        setTimeout(() => post({ type: 'snapshot', snapshot: snapshot() }), 4);
      }
    },
  });
  window.__p4 = { latencies: [] };
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    const before = document.querySelector('[data-testid="review-card"]')?.getAttribute('data-sample-id');
    // The sidebar's own keydown listener runs after this one and paints the next card at once;
    // the frame that shows it is the one after this animation frame callback.
    requestAnimationFrame(() => setTimeout(() => {
      const after = document.querySelector('[data-testid="review-card"]')?.getAttribute('data-sample-id');
      window.__p4.latencies.push({ ms: performance.now() - start, changed: before !== after });
    }, 0));
  }, true);
})();
</script>
<script src="/webview.js"></script>
</body></html>`;
}
