// Which tokenizer counts a model's tokens: the one module that knows the tokenizer package
// (gpt-tokenizer, pure JavaScript, so it runs in the CLI, the extension host and the browser
// alike). One family today: o200k_base, the encoding of OpenAI's current models (GPT-4o,
// GPT-4.1, GPT-5, o-series). Other models tokenize differently, so for them it is an
// approximation, and the estimate says which encoding it used. Add a family by adding a row
// (and its encoding's import: each encoding is a few MB, so only the ones used are loaded).
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { TokenCounter } from './tokens.ts';

// Seed and model text is data: a "<|endoftext|>" inside it is counted as the text it is, not
// refused as a special token.
const AS_TEXT = { disallowedSpecial: new Set<string>() };

const O200K: TokenCounter = { name: 'o200k_base', count: (text) => countTokens(text, AS_TEXT) };

interface Family {
  /** Model ids of this family; the first row that matches wins. */
  readonly models: RegExp;
  readonly counter: TokenCounter;
}

const FAMILIES: readonly Family[] = [{ models: /(?:)/, counter: O200K }];

export function tokenCounterFor(model: string | undefined): TokenCounter {
  return FAMILIES.find((family) => family.models.test(model ?? ''))?.counter ?? O200K;
}
