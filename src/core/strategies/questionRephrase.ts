// Question Rephrase (QR): one augmenter call asks for `count` rephrasings of a seed question
// (same meaning, every number kept), then the teacher answers each rephrasing once. Every sample
// keeps the seed as its lineage, so its final answer can be checked against the seed's gold.
// The augmenter call is shared by the unit's samples (SharedCall: bought once).
import type { ChatRequest } from '../model/chat.ts';
import { planQuestionRephrase } from '../planner/planQuestionRephrase.ts';
import { readQuestionRephraseParams } from '../planner/unitParams.ts';
import type { AnswerProfile } from '../profile/types.ts';
import { rephraseContextBlock } from '../prompts/examples.ts';
import { profileLineage } from '../prompts/kindFormat.ts';
import { inSeedForm, questionParts } from '../prompts/questionParts.ts';
import { renderPrompt } from '../prompts/render.ts';
import { REPHRASE_FORMAT } from '../prompts/schemas.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { SampleDraft, SampleFlag } from '../samples/sample.ts';
import { callModel, SharedCall } from './callModel.ts';
import { readRephrasings, takeBatch } from './parseAugmenter.ts';
import { rephraseSampling } from './sampling.ts';
import type { IncrementalStrategy, SampleSink } from './strategyRun.ts';
import type { ModelCaller, PlanOptions, WorkUnit } from './strategy.ts';
import { askTeacher, seedShot, teacherOf, teacherOptions } from './teacherAnswer.ts';
import { checkUnit, onlySeed } from './unitCheck.ts';

export function createQuestionRephrase(prompts: PromptSet, profile?: AnswerProfile): IncrementalStrategy {
  const rephrasePrompt = prompts['rephrase.v1'];
  const answerPrompt = prompts['answer.cot.v1'];

  const runUnit = async (unit: WorkUnit, models: ModelCaller, options: PlanOptions, signal: AbortSignal, onSample: SampleSink): Promise<SampleDraft[]> => {
    checkUnit(unit, 'question-rephrase');
    const seed = onlySeed(unit);
    const { count, samplingSeed } = readQuestionRephraseParams(unit);
    // Only the question is reworded; the context (schema, passage, input) goes to the teacher as it is.
    const parts = questionParts(seed);
    const shot = seedShot(profile, unit.fewShot ?? [], parts.context);
    const request: ChatRequest = {
      role: 'augmenter',
      model: options.augmenterModel,
      messages: renderPrompt(rephrasePrompt, { count, question: parts.question, context: rephraseContextBlock(parts.context) }),
      sampling: rephraseSampling(count, samplingSeed),
      responseFormat: REPHRASE_FORMAT,
    };
    const augmenter = await callModel(models, request, { id: rephrasePrompt.id, hash: rephrasePrompt.hash, kind: profileLineage(profile) }, signal);
    const shared = new SharedCall(augmenter.record);
    const drafts: SampleDraft[] = [];
    const emit = async (i: number, question: string, answer: string, flags: readonly SampleFlag[], calls: SampleDraft['calls'], notes: readonly string[], teacherModel: { readonly teacherModel?: string } = {}): Promise<void> => {
      const draft: SampleDraft = {
        outputKey: `r${i}`,
        strategy: 'question-rephrase',
        question,
        answer,
        flags,
        seedLines: [seed.line],
        seedHashes: [seed.hash],
        exampleSampleIds: [],
        calls,
        ...(notes.length > 0 ? { notes } : {}),
        ...teacherModel,
      };
      drafts.push(draft);
      await onSample(draft);
    };

    const batch = takeBatch(readRephrasings(augmenter.result), count, 'rephrasings');
    if (!batch.ok) {
      // Kept as a flagged sample so the person sees the failure and the augmenter call stays
      // accounted for; no teacher query is spent on it.
      await emit(0, '', '', batch.flags, [shared.claim()], batch.notes);
      return drafts;
    }
    const { items, notes: batchNotes } = batch;
    for (const [i, question] of items.entries()) {
      // Batch notes go with the first sample only: they describe the call, not each question.
      const notes = i === 0 ? batchNotes : [];
      if (question === '') {
        await emit(i, '', '', ['empty'], [shared.claim()], [...notes, 'The augmenter wrote an empty rephrasing; no teacher answer was bought for it.']);
        continue;
      }
      const teacher = await askTeacher(models, answerPrompt, question, teacherOptions(unit, i, options), 0, signal, shot);
      await emit(i, inSeedForm(parts, question), teacher.answer, teacher.flags, [shared.claim(), teacher.record], [...notes, ...teacher.notes], teacherOf(unit, i));
    }
    return drafts;
  };

  return {
    id: 'question-rephrase',
    plan: (seeds, limits, options) => planQuestionRephrase(seeds, limits, options),
    run: (unit, models, options, signal) => runUnit(unit, models, options, signal, () => {}),
    runUnit,
  };
}
