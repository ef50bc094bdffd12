// code: one block, in the seeds' language. Fenced seeds want exactly one fenced block; unfenced
// seeds want code without a fence. The language is the fence's, or a guess from the code.
import { codeBlocks, guessLanguage, normaliseLanguage, wholeFence } from '../../profile/codeBlocks.ts';
import type { AnswerProfile } from '../../profile/types.ts';
import { notApplicable } from './types.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';

export function codeChecks({ answer }: KindCheckInput, profile: Pick<AnswerProfile, 'language' | 'fenced'>): KindCheckResult[] {
  const blocks = codeBlocks(answer);
  const fencedSeeds = profile.fenced ?? true;
  let block: KindCheckResult;
  if (fencedSeeds) {
    if (blocks.length === 0) block = { check: 'code-block', status: 'fail', detail: 'no ``` code block; the seeds have one' };
    else if (blocks.length > 1) block = { check: 'code-block', status: 'fail', detail: `${blocks.length} code blocks; the seeds have one` };
    else if (!wholeFence(answer)) block = { check: 'code-block', status: 'warn', detail: 'one code block, with text around it; the seeds are the block alone' };
    else block = { check: 'code-block', status: 'pass', detail: 'one code block' };
  } else {
    block = blocks.length === 0
      ? { check: 'code-block', status: 'pass', detail: 'code without a fence, as in the seeds' }
      : { check: 'code-block', status: 'warn', detail: `${blocks.length} fenced block${blocks.length === 1 ? '' : 's'}; the seeds are unfenced code` };
  }
  return [block, languageCheck(answer, blocks[0], profile.language)];
}

function languageCheck(answer: string, first: { readonly language: string | null; readonly body: string } | undefined, wanted: string | undefined): KindCheckResult {
  const check = 'code-language';
  if (wanted === undefined) return notApplicable(check, "the seeds' language could not be told");
  const language = first?.language ?? guessLanguage(first?.body ?? answer);
  if (language === null) return notApplicable(check, "the answer's language cannot be told from its code");
  if (normaliseLanguage(language) === normaliseLanguage(wanted)) return { check, status: 'pass', detail: `${wanted}, as the seeds` };
  return { check, status: 'fail', detail: `${language}; the seeds are ${wanted}` };
}
