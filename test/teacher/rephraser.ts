// Deterministic rewordings of a question that keep every number and the meaning: synonym swaps,
// "How many" → "What number of", and moving the question sentence in front of its facts.
// Which rewordings a sample gets depends on the rng, so each index and each sample differ.
// Only a word problem gets a word problem's preambles and its facts moved around: a question
// asked against a context (a schema, a passage) or one that is not a numeric question (a
// classification, a request for code) keeps its form, with neutral preambles.
import type { Rng } from './rng.ts';
import { lowerFirst, normalizeQuestion, numberSignature, sentencesOf } from './text.ts';

const SWAPS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bHow many\b/g, 'What number of'],
  [/\bhow many\b/g, 'what number of'],
  [/\bHow much money\b/g, 'What amount of money'],
  [/\bbought\b/g, 'purchased'],
  [/\bbuys\b/g, 'purchases'],
  [/\bgave\b/g, 'handed'],
  [/\bgives\b/g, 'hands'],
  [/\bin total\b/g, 'altogether'],
  [/\baltogether\b/g, 'in total'],
  [/\bstarted with\b/g, 'began with'],
  [/\bwants to\b/g, 'would like to'],
  [/\bneeds\b/g, 'requires'],
  [/\bearns\b/g, 'makes'],
  [/\bper\b/g, 'for each'],
  [/\bstore\b/g, 'shop'],
  [/\blarge\b/g, 'big'],
  [/\breceives\b/g, 'gets'],
  [/\breceived\b/g, 'got'],
  [/\bClassify\b/g, 'Label'],
  [/\bWrite a\b/g, 'Create a'],
  [/\bList\b/g, 'Give'],
  [/\bExtract\b/g, 'Pull out'],
  [/\breturns\b/g, 'gives back'],
  [/\bWhich\b/g, 'What'],
];

const LEAD_INS = ['Here is what we know:', 'Use the following information:', 'The details are these:'];
const WORD_PROBLEM_WRAPPERS = ['', 'Consider the following problem. ', 'Try this word problem. ', 'Here is a problem to solve. '];
const NEUTRAL_WRAPPERS = ['', 'Please help with this: ', 'Here is the request: ', 'One more, please: '];

/** A grade-school word problem: a question with numbers in it, asked on its own (no context). */
export function isWordProblem(question: string, context = ''): boolean {
  return context.trim() === '' && /\d/.test(question) && question.includes('?');
}

interface Variant {
  text: string;
  /** Lower is more natural; wrapper prefixes are a last resort. */
  cost: number;
  order: number;
}

/** Up to `count` distinct rewordings, none equal to the original; every one keeps all numbers. */
export function rephrase(question: string, count: number, rng: Rng, context = ''): string[] {
  const wordProblem = isWordProblem(question, context);
  const wrappers = wordProblem ? WORD_PROBLEM_WRAPPERS : NEUTRAL_WRAPPERS;
  const applicable = SWAPS.filter(([re]) => new RegExp(re.source).test(question)).slice(0, 4);
  const sentences = sentencesOf(question);
  const questionSentence = sentences[sentences.length - 1] ?? question;
  const facts = wordProblem ? sentences.slice(0, -1).join(' ') : '';
  const variants: Variant[] = [];
  for (let mask = 0; mask < 1 << applicable.length; mask++) {
    for (let reorder = 0; reorder <= (facts === '' ? 0 : LEAD_INS.length); reorder++) {
      for (let w = 0; w < wrappers.length; w++) {
        let text = reorder === 0 ? question.trim() : `${questionSentence} ${LEAD_INS[reorder - 1]} ${lowerIfPronounSafe(facts)}`;
        applicable.forEach(([re, to], bit) => {
          if (mask & (1 << bit)) text = text.replace(new RegExp(re.source, 'g'), to);
        });
        text = `${wrappers[w]}${text}`;
        variants.push({ text, cost: (w === 0 ? 0 : 2) + (mask === 0 && reorder === 0 ? 1 : 0), order: rng.next() });
      }
    }
  }
  variants.sort((x, y) => x.cost - y.cost || x.order - y.order);
  const seen = new Set([normalizeQuestion(question)]);
  const signature = numberSignature(question);
  const out: string[] = [];
  for (const v of variants) {
    if (out.length >= count) break;
    const key = normalizeQuestion(v.text);
    if (seen.has(key) || numberSignature(v.text) !== signature) continue;
    seen.add(key);
    out.push(v.text);
  }
  return out;
}

/** "Tom has 5 apples." stays capitalised (a name); "The box ..." becomes "the box ...". */
function lowerIfPronounSafe(context: string): string {
  return /^(The|A|An|There|Each|Every|In|On|At|If|When)\b/.test(context) ? lowerFirst(context) : context;
}
