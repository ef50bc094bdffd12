// The kind checks of one generated sample: its current answer, and the gold answer of its seed
// for the strategies that keep the seed's meaning (answer augmentation, question rephrase). The
// bridge from a session's samples to kindChecks, for runChecks and the card to call.
import type { AnswerProfile } from '../../profile/types.ts';
import type { Sample } from '../../samples/sample.ts';
import type { SampleText } from '../currentText.ts';
import type { SeedLookup } from '../seedLookup.ts';
import { kindChecks } from './kindChecks.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';

/** The input of the kind checks for a sample: with its seed's gold, or the reason there is none. */
export function kindCheckInput(sample: Sample, text: SampleText, seeds: SeedLookup | null): KindCheckInput {
  const answer = text.answer;
  if (sample.strategy === 'new-question') return { answer };
  if (seeds === null) return { answer, noGold: 'no seeds were given to compare with' };
  const source = seeds.sourceOf(sample);
  if ('missing' in source) return { answer, noGold: source.missing };
  return { answer, gold: source.seed.answer };
}

export function sampleKindChecks(sample: Sample, text: SampleText, seeds: SeedLookup | null, profile: AnswerProfile): KindCheckResult[] {
  return kindChecks(kindCheckInput(sample, text, seeds), profile);
}
