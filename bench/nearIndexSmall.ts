// Memory of many small NearDuplicateIndexes (the answer check keeps one per question):
// node --expose-gc bench/nearIndexSmall.ts INDEXES TEXTS_EACH
import { NearDuplicateIndex } from '../src/core/checks/nearDuplicateIndex.ts';

const count = Number(process.argv[2] ?? 10000);
const each = Number(process.argv[3] ?? 3);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const steps = 'first we add the apples then we multiply by the boxes and subtract what was eaten so the answer is'.split(' ');
const texts = Array.from({ length: each }, (_, k) => [...steps, String(k), String(k * 7)]);
gc();
const before = process.memoryUsage();
const indexes: NearDuplicateIndex<number>[] = [];
for (let i = 0; i < count; i++) {
  const index = new NearDuplicateIndex<number>();
  for (let k = 0; k < each; k++) {
    index.query(texts[k] as string[], { want: 'any' });
    index.add(k, texts[k] as string[]);
  }
  indexes.push(index);
}
gc();
const after = process.memoryUsage();
const perIndex = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / count;
console.log(JSON.stringify({ indexes: indexes.length, textsEach: each, bytesPerIndex: Math.round(perIndex), heapPerIndex: Math.round((after.heapUsed - before.heapUsed) / count), arrayPerIndex: Math.round((after.arrayBuffers - before.arrayBuffers) / count) }));
