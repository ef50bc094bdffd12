// SeedSmith's own prompts. Ideas come from public work (MetaMath's answer augmentation and
// rephrasing, Self-Instruct and Evol-Instruct "breadth"); the wording is ours. Changing any text
// here changes the template's hash, and so every new sample's lineage: bump the id's version
// when the meaning changes.
import { makeTemplate } from './template.ts';
import type { PromptSet, PromptTemplate } from './template.ts';

// {{format}} is the answer kind's instruction (kindFormat.ts: for GSM8K-style seeds the same
// step-by-step text ending "#### <final answer>" as before); {{examples}} a few of the user's own
// seed pairs, never the seed being augmented; {{context}} the schema, passage or input the
// question is asked against. Each renders as '' when there is none.
const ANSWER_SYSTEM = `You are a careful expert who answers questions for a training set, in the form the examples show.
{{format}}`;

const ANSWER_USER = `{{examples}}{{context}}Question: {{question}}`;

const REPHRASE_SYSTEM = `You reword questions without changing what they ask.
For the question you are given, write the requested number of rephrasings. Every rephrasing must:
- ask for exactly the same thing, so that its correct answer is exactly the same;
- keep every number, quantity, unit, name and condition of the original, written the same way;
- be complete and self-contained, and read naturally, as a person would write it;
- differ from the original and from the other rephrasings in wording or sentence order, not only in punctuation.
Do not solve the question, do not add hints, and neither add nor leave out information.
When a context comes with the question (a passage, a database schema, an input), the context stays as it is: rephrase only the question, and do not copy the context into it.
Reply with JSON only, in this form: {"rephrasings": ["first rephrasing", "second rephrasing"]}`;

const REPHRASE_USER = `Count: {{count}}

Write as many rephrasings of the question below as Count says.{{context}}

Question: {{question}}`;

const NEW_QUESTION_SYSTEM = `You write new practice questions for a training set.
You are shown example questions, with their answers, from one domain. Write the requested number of new questions. Each new question must:
- belong to the same domain and call for the same kind of knowledge and reasoning as the examples;
- be of similar length, format and difficulty;
- be about a different situation, with different entities and numbers, so that it is neither a copy nor a light edit of an example or of another new question;
- be complete and self-contained: everything needed is in the question, and it has exactly one correct answer.
Write only the question text: no answer, hint, numbering or label.
Then check each question yourself: could a careful expert answer it from its text alone, with a single unambiguous answer? Set "answerable" to false if not, and give a one-sentence "reason" either way.
Reply with JSON only, in this form: {"questions": [{"question": "...", "answerable": true, "reason": "..."}]}`;

const NEW_QUESTION_USER = `Count: {{count}}

Examples:

{{examples}}{{context}}{{kind}}

Write as many new questions as Count says.`;

const SELF_CHECK_SYSTEM = `You review a question before it goes into a training set.
Decide two things:
- answerable: can a careful expert answer it from its text alone, with a single correct answer?
- well_formed: is it one complete, clear, self-contained question, with no leftover instructions, placeholders, labels or answer?
Give a one-sentence reason.
Reply with JSON only, in this form: {"answerable": true, "well_formed": true, "reason": "..."}`;

const SELF_CHECK_USER = `Question: {{question}}`;

export const DEFAULT_PROMPTS: PromptSet = Object.freeze({
  'answer.cot.v1': makeTemplate({
    id: 'answer.cot.v1',
    task: 'answer',
    title: 'Teacher: answer a question in the form of the seed examples (for numeric seeds step by step, ending with their marker)',
    system: ANSWER_SYSTEM,
    user: ANSWER_USER,
    placeholders: ['question'],
    optional: ['format', 'examples', 'context'],
  }),
  'rephrase.v1': makeTemplate({
    id: 'rephrase.v1',
    task: 'rephrase',
    title: 'Augmenter: rephrase a seed question, keeping its numbers and meaning',
    system: REPHRASE_SYSTEM,
    user: REPHRASE_USER,
    placeholders: ['count', 'question'],
    optional: ['context'],
  }),
  'new-question.v1': makeTemplate({
    id: 'new-question.v1',
    task: 'new_questions',
    title: 'Augmenter: write new questions like the examples, each with a self-check',
    system: NEW_QUESTION_SYSTEM,
    user: NEW_QUESTION_USER,
    placeholders: ['count', 'examples'],
    optional: ['context', 'kind'],
  }),
  'self-check.v1': makeTemplate({
    id: 'self-check.v1',
    task: 'self_check',
    title: 'Augmenter: check that a question is answerable and well formed',
    system: SELF_CHECK_SYSTEM,
    user: SELF_CHECK_USER,
    placeholders: ['question'],
  }),
} satisfies Record<string, PromptTemplate>);
