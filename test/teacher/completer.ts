// Produces the choices of one chat completion: the task's content (answer, rephrasings, new
// questions, self-check), then the per-choice faults and the max_tokens cut. It also teaches the
// gold registry about every question it writes.
import type { ChoiceFault } from './faults.ts';
import { planChoice } from './faults.ts';
import type { GoldRegistry } from './goldRegistry.ts';
import type { TeacherKnobs } from './knobs.ts';
import type { PromptView } from './prompt.ts';
import type { ChatRequest } from './protocol.ts';
import { renderAnswer, solve, wrongFinal } from './answerWriter.ts';
import { shapeOf } from './fewShot.ts';
import { kindAnswer } from './kindAnswer.ts';
import { inventQuestions, varyQuestions } from './questionWriter.ts';
import { rephrase } from './rephraser.ts';
import type { Rng } from './rng.ts';
import { rngFor } from './rng.ts';
import { fitToSchema } from './schemaFit.ts';
import { selfCheck } from './selfChecker.ts';
import { cutToTokens, estimateTokens } from './tokens.ts';

export const REFUSAL_TEXT = "I'm sorry, but I can't help with that request.";

export interface ChoiceOutput {
  content: string | null;
  refusal: string | null;
  finishReason: 'stop' | 'length';
  /** The fault actually applied (a fault that does not apply to the task is reported as none). */
  fault: ChoiceFault;
  completionTokens: number;
}

export interface CompletionContext {
  request: ChatRequest;
  prompt: PromptView;
  registry: GoldRegistry;
  knobs: Readonly<TeacherKnobs>;
  requestIndex: number;
  /** Which sample of this prompt: "greedy" at temperature 0, else from the seed or a call counter. */
  sampleKey: string;
}

export function completeChoices(ctx: CompletionContext): ChoiceOutput[] {
  return Array.from({ length: ctx.request.n }, (_, i) => completeChoice(ctx, i));
}

function completeChoice(ctx: CompletionContext, choiceIndex: number): ChoiceOutput {
  const { request, prompt } = ctx;
  let fault = planChoice(ctx.knobs, ctx.requestIndex, choiceIndex);
  // Greedy decoding gives every choice the same text, as a real model at temperature 0 does.
  const rng = rngFor('sample', prompt.promptHash, ctx.sampleKey, ctx.sampleKey === 'greedy' ? 0 : choiceIndex);
  const structured = request.responseFormat.type === 'json_schema';
  if (fault === 'refusal') {
    return finish(structured ? { content: null, refusal: REFUSAL_TEXT } : { content: REFUSAL_TEXT, refusal: null }, fault, request);
  }
  if (fault === 'empty') return finish({ content: '', refusal: null }, fault, request);
  if (fault === 'wrongAnswer' && prompt.task !== 'answer') fault = 'none';

  const asJson = prompt.task !== 'answer' || request.responseFormat.type !== 'text';
  let content: string;
  const answer = asJson && prompt.task === 'answer' ? answerText(ctx, rng, fault) : undefined;
  if (answer?.wrongShape === true && answer.label) {
    // A label in the wrong shape is what an endpoint that accepts response_format and ignores it sends: prose.
    content = answer.text;
  } else if (asJson) {
    const value = fitToSchema(canonicalValue(ctx, rng, fault, answer), request.responseFormat.type === 'json_schema' ? request.responseFormat.schema : null);
    content = JSON.stringify(value);
    if (fault === 'malformed') content = breakJson(content, rng);
  } else {
    const { text } = answerText(ctx, rng, fault, choiceIndex);
    content = text;
  }
  let finishReason: 'stop' | 'length' = 'stop';
  if (fault === 'truncated') {
    content = cutInHalf(content);
    finishReason = 'length';
  }
  return finish({ content, refusal: null }, fault, request, finishReason);
}

function finish(
  out: { content: string | null; refusal: string | null },
  fault: ChoiceFault,
  request: ChatRequest,
  finishReason: 'stop' | 'length' = 'stop',
): ChoiceOutput {
  let { content, refusal } = out;
  if (request.maxTokens !== null) {
    if (content !== null && estimateTokens(content) > request.maxTokens) {
      content = cutToTokens(content, request.maxTokens);
      finishReason = 'length';
    }
    if (refusal !== null && estimateTokens(refusal) > request.maxTokens) {
      refusal = cutToTokens(refusal, request.maxTokens);
      finishReason = 'length';
    }
  }
  const completionTokens = estimateTokens(content ?? '') + estimateTokens(refusal ?? '');
  return { content, refusal, finishReason, fault, completionTokens };
}

interface AnswerText {
  text: string;
  final: string;
  /** The answer is one of the examples' labels (a structured reply carries it as {"label": …}). */
  label?: boolean;
  wrongShape?: boolean;
}

function answerText(ctx: CompletionContext, rng: Rng, fault: ChoiceFault, choiceIndex = 0): AnswerText {
  const question = ctx.prompt.question;
  // The shape the prompt's few-shot examples show; none shown: a GSM8K-style worked answer.
  const shape = shapeOf(ctx.prompt.examples);
  const wrongShape = rngFor('wrongShape', ctx.knobs.seed, ctx.requestIndex, choiceIndex).next() < ctx.knobs.wrongShapeRate;
  if (shape !== null && shape.kind !== 'numeric') {
    const text = kindAnswer(shape, question, ctx.prompt.context, rng, wrongShape);
    return { text, final: text, label: shape.kind === 'label', wrongShape };
  }
  let solution = solve(question, ctx.registry.lookup(question));
  if (fault === 'wrongAnswer') solution = { final: wrongFinal(solution.final, rng), steps: [] };
  // For JSON answers "malformed" breaks the JSON instead, so the text keeps its final line.
  const withFinalLine = !(fault === 'malformed' && ctx.request.responseFormat.type === 'text') && !wrongShape;
  const marker = shape?.marker ?? '####';
  if (marker === 'none' && !wrongShape) return { text: solution.final, final: solution.final };
  const text = renderAnswer(question, solution, rng, withFinalLine);
  if (!withFinalLine || marker === '####' || marker === 'none') return { text, final: solution.final };
  const body = text.slice(0, text.lastIndexOf('\n#### '));
  return { text: marker === 'boxed' ? `${body}\nSo the final answer is \\boxed{${solution.final}}.` : `${body}\nThe answer is ${solution.final}.`, final: solution.final };
}

function canonicalValue(ctx: CompletionContext, rng: Rng, fault: ChoiceFault, answer?: AnswerText): unknown {
  const { prompt, registry } = ctx;
  switch (prompt.task) {
    case 'answer': {
      const { text, final, label } = answer ?? answerText(ctx, rng, fault);
      return label === true ? { label: text, solution: text, final_answer: final } : { solution: text, final_answer: final };
    }
    case 'rephrase': {
      // A rephrasing means the same thing, so it inherits the source's answer (known or not).
      const gold = registry.lookup(prompt.question) ?? solve(prompt.question, undefined).final;
      const rephrasings = rephrase(prompt.question, prompt.count, rng, prompt.context);
      registry.learn(rephrasings.map((question) => ({ question, answer: gold })));
      return { rephrasings };
    }
    case 'new_questions': {
      // Examples that are not word problems (or share a context such as a schema) get questions of their own form.
      const shape = shapeOf(prompt.examples);
      if (prompt.context !== '' || (shape !== null && shape.kind !== 'numeric')) {
        const questions = varyQuestions(prompt.examples.map((e) => e.question), prompt.context, prompt.count, rng);
        return { questions: questions.map((question) => ({ question, answerable: true, reason: 'It has the form of the examples and one answer of their kind.' })) };
      }
      const invented = inventQuestions(prompt.count, rng, [prompt.question]);
      registry.learn(invented.map(({ question, answer }) => ({ question, answer })));
      return { questions: invented.map(({ question, reason }) => ({ question, answerable: true, reason })) };
    }
    case 'self_check':
      return selfCheck(prompt.question, registry.lookup(prompt.question) !== undefined);
  }
}

/** Output that no JSON parser accepts, even after cutting prose or code fences around it. */
function breakJson(json: string, rng: Rng): string {
  return rng.next() < 0.5
    ? `Here is the JSON you asked for:\n${json.slice(0, -1)}`
    : json.replace(/"([A-Za-z_]+)":/g, "'$1':");
}

/** Cuts at a word boundary near the middle, as a length stop would. */
function cutInHalf(text: string): string {
  if (text.length <= 1) return '';
  const half = Math.floor(text.length / 2);
  const space = text.lastIndexOf(' ', half);
  return text.slice(0, space > 0 ? space : half);
}
