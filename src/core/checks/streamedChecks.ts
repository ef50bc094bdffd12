// The same checks as checkEntries, over samples read as a stream instead of held in memory: each
// pass asks the source for the samples again (a session reads its journal once more), so only the
// checker's own indexes and the results stay, and those compactly: results in a CheckResultStore,
// per-sample facts in typed arrays by the sample's place in generation order. The passes follow
// checkEntries' order exactly — question frequencies, answers noted, then accepted, pending and
// (compared, not indexed) rejected samples — so the results are the same, result for result.
// A pass says which samples it wants, so a source that can skip the others unread does.
import type { SampleState } from '../samples/sample.ts';
import type { Seed } from '../seeds/types.ts';
import { grownTypedArray } from '../growTypedArray.ts';
import { CheckResultStore } from './checkResultStore.ts';
import { currentText } from './currentText.ts';
import { SampleChecker } from './runChecks.ts';
import type { CheckOptions, CheckReport, SampleEntry } from './runChecks.ts';
import { normalizedText, tokenize } from './tokens.ts';

/**
 * Each call reads the samples from the start, in generation order. `wanted`, when given, is asked
 * with each sample's place in that order (0, 1, …): a source may leave out the samples it
 * refuses (unread), or hand them over anyway (the caller filters again).
 */
export type SampleSource = (wanted?: (ordinal: number) => boolean) => AsyncIterable<SampleEntry>;

const STATES: readonly SampleState[] = ['pending', 'accepted', 'rejected'];
const stateOf = (entry: SampleEntry) => entry.review?.state ?? 'pending';
/**
 * Buckets for counting new questions by a hash of their text, each counting 0, 1 or "2 or more"
 * in 2 bits: a fixed 4 MB whatever the session. 2^24 of them, so a million questions share few.
 */
const QUESTION_BUCKETS = 1 << 24;

/** How many questions hashed to `bucket`, up to 2. */
function questionsIn(counts: Uint8Array, bucket: number): number {
  return ((counts[bucket >>> 2] as number) >>> ((bucket & 3) * 2)) & 3;
}

function countQuestion(counts: Uint8Array, bucket: number): void {
  if (questionsIn(counts, bucket) < 2) counts[bucket >>> 2] = (counts[bucket >>> 2] as number) + (1 << ((bucket & 3) * 2));
}

function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `results`: where the results go (a store with a spill, for a session of any size). */
export async function checkStreamed(source: SampleSource, seeds: readonly Seed[] | null, options: CheckOptions = {}, results = new CheckResultStore()): Promise<CheckReport> {
  // Every sample gets its place in generation order now; the checks fill them in later.
  let frequencies = options.frequencies;
  const counted = frequencies === undefined ? new Map<string, number>() : null;
  const count = (tokens: readonly string[]) => {
    if (counted) for (const token of new Set(tokens)) counted.set(token, (counted.get(token) ?? 0) + 1);
  };
  // What the question index will hold (seeds, then accepted and pending questions), so it is made
  // that size once.
  const capacity = { items: 0, tokens: 0 };
  const willIndex = (tokens: readonly string[]) => {
    if (tokens.length === 0) return;
    capacity.items += 1;
    capacity.tokens += tokens.length;
  };
  for (const seed of seeds ?? []) {
    const tokens = tokenize(seed.question);
    count(tokens);
    willIndex(tokens);
  }
  // Per sample: its review state, and for a new question the bucket of its question's text. An
  // answer group matters only for a question asked more than once: a question alone in its bucket
  // is asked once, and its group would hold only its own answer (no reference either way).
  let states = new Uint8Array(1024);
  let buckets = new Int32Array(1024).fill(-1);
  let inBucket: Uint8Array | null = null;
  for await (const entry of source()) {
    const k = results.add(entry.sample.id);
    if (k >= states.length) {
      states = grownTypedArray(states, k * 2);
      buckets = grownTypedArray(buckets, k * 2, -1);
    }
    states[k] = STATES.indexOf(stateOf(entry));
    if (entry.sample.strategy === 'answer-augmentation') continue;
    const tokens = tokenize(currentText(entry.sample, entry.review).question);
    count(tokens);
    if (states[k] !== 2) willIndex(tokens);
    if (entry.sample.strategy !== 'new-question') continue;
    inBucket ??= new Uint8Array(QUESTION_BUCKETS / 4);
    const bucket = textHash(normalizedText(tokens)) & (QUESTION_BUCKETS - 1);
    buckets[k] = bucket;
    countQuestion(inBucket, bucket);
  }
  frequencies ??= counted ?? new Map();
  const ordinalOf = (entry: SampleEntry) => results.ordinalOf(entry.sample.id)!;

  const checker = new SampleChecker(seeds, { questionCapacity: capacity, ...options, frequencies });
  // A rejected answer is no reference: a person may have rejected it for being wrong.
  if (inBucket) {
    const shared = inBucket;
    const noted = (k: number) => buckets[k]! >= 0 && questionsIn(shared, buckets[k]!) > 1 && states[k] !== 2;
    for await (const entry of source(noted)) if (noted(ordinalOf(entry))) checker.noteAnswer(entry.sample, currentText(entry.sample, entry.review));
  }
  for (const group of ['accepted', 'pending', 'rejected'] as const) {
    const code = STATES.indexOf(group);
    const inGroup = (k: number) => states[k] === code;
    let any = false;
    for (let k = 0; k < results.size && !any; k += 1) any = inGroup(k);
    if (!any) continue;
    for await (const entry of source(inGroup)) {
      if (stateOf(entry) !== group) continue;
      const text = currentText(entry.sample, entry.review);
      results.set(entry.sample.id, checker.check(entry.sample, text));
      if (group !== 'rejected') checker.add(entry.sample, text);
    }
  }
  return { results, seedsGiven: seeds !== null };
}
