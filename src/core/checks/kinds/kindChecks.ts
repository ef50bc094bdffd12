// The checks of a profile's kind for one answer. Synchronous; SQL execution match, which needs a
// database and a worker, is separate (sqlExecutionCheck) and asynchronous.
import type { AnswerKind, AnswerProfile } from '../../profile/types.ts';
import { codeChecks } from './codeChecks.ts';
import { jsonChecks } from './jsonChecks.ts';
import { labelChecks } from './labelChecks.ts';
import { numericChecks } from './numericChecks.ts';
import { sqlParsesCheck } from './sqlChecks.ts';
import { textChecks } from './textChecks.ts';
import type { TextCheckOptions } from './textChecks.ts';
import type { KindCheckInput, KindCheckResult } from './types.ts';

/** Kinds with one right answer: a sample equal to the seed's gold is correct, at most a note, never a failing duplicate. */
export const ONE_ANSWER_KINDS: ReadonlySet<AnswerKind> = new Set(['label', 'json', 'sql', 'code']);

export function kindChecks(input: KindCheckInput, profile: AnswerProfile, options: { readonly text?: TextCheckOptions } = {}): KindCheckResult[] {
  switch (profile.kind) {
    case 'numeric':
      return numericChecks(input, profile);
    case 'label':
      return labelChecks(input, profile);
    case 'json':
      return jsonChecks(input, profile);
    case 'sql':
      return [sqlParsesCheck(input)];
    case 'code':
      return codeChecks(input, profile);
    case 'text':
      return textChecks(input, profile, options.text);
  }
}
