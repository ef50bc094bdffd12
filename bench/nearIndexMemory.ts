// Memory and query CPU of a NearDuplicateIndex over template-made new questions:
// node --expose-gc bench/nearIndexMemory.ts N [QUERIES]
import { NearDuplicateIndex } from '../src/core/checks/nearDuplicateIndex.ts';
import { tokenize } from '../src/core/checks/tokens.ts';
import { inventQuestions } from '../test/teacher/questionWriter.ts';
import { createRng } from '../test/teacher/rng.ts';

const n = Number(process.argv[2] ?? 100000);
const queries = Number(process.argv[3] ?? 2000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const texts = inventQuestions(n, createRng(n + 1)).map((q) => tokenize(q.question));
const frequencies = new Map<string, number>();
let tokens = 0;
for (const t of texts) {
  tokens += t.length;
  for (const w of new Set(t)) frequencies.set(w, (frequencies.get(w) ?? 0) + 1);
}
gc();
gc();
const before = process.memoryUsage();
const index = new NearDuplicateIndex<number>({ frequencies, capacity: { items: n, tokens } });
const t0 = process.cpuUsage();
for (let i = 0; i < n; i++) index.add(i, texts[i] as string[]);
const addCpu = process.cpuUsage(t0);
gc();
gc();
const after = process.memoryUsage();
let hash = 0;
const q0 = process.cpuUsage();
for (let i = 0; i < queries; i++) {
  const y = Math.floor((i * n) / queries);
  for (const want of ['best', 'any', 'all'] as const) {
    const found = index.query(texts[y] as string[], { want, skip: (k) => k === y });
    for (const m of found) hash = (Math.imul(hash ^ m.key, 0x01000193) ^ Math.round(m.score * 1e6)) | 0;
    hash = Math.imul(hash ^ found.length, 31) | 0;
  }
}
const queryCpu = process.cpuUsage(q0);
const heap = after.heapUsed - before.heapUsed;
const arrays = after.arrayBuffers - before.arrayBuffers;
console.log(JSON.stringify({ n, tokens, heapPerText: +(heap / n).toFixed(1), arrayPerText: +(arrays / n).toFixed(1), totalPerText: +((heap + arrays) / n).toFixed(1), addCpuS: +((addCpu.user + addCpu.system) / 1e6).toFixed(2), queryCpuS: +((queryCpu.user + queryCpu.system) / 1e6).toFixed(2), queries: queries * 3, hash, size: index.size, rssMB: Math.round(process.memoryUsage().rss / 1e6) }));
