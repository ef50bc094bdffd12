// Answer Augmentation (AA): another sampled chain-of-thought answer to a seed question. One
// teacher query per unit; the unit's round is the sampling seed, so the k answers to one question
// are k distinct requests (and cache entries), not one cached completion repeated.
import { planAnswerAugmentation } from '../planner/planAnswerAugmentation.ts';
import { readAnswerAugmentationParams } from '../planner/unitParams.ts';
import type { AnswerProfile } from '../profile/types.ts';
import { questionParts } from '../prompts/questionParts.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { SampleDraft } from '../samples/sample.ts';
import type { IncrementalStrategy, SampleSink } from './strategyRun.ts';
import type { ModelCaller, PlanLimits, PlanOptions, WorkUnit } from './strategy.ts';
import { askTeacher, seedShot, teacherOf, teacherOptions } from './teacherAnswer.ts';
import { checkUnit, onlySeed } from './unitCheck.ts';

export function createAnswerAugmentation(prompts: PromptSet, profile?: AnswerProfile): IncrementalStrategy {
  const answerPrompt = prompts['answer.cot.v1'];
  const runUnit = async (unit: WorkUnit, models: ModelCaller, options: PlanOptions, signal: AbortSignal, onSample: SampleSink): Promise<SampleDraft[]> => {
    checkUnit(unit, 'answer-augmentation');
    const seed = onlySeed(unit);
    const { samplingSeed } = readAnswerAugmentationParams(unit);
    const parts = questionParts(seed);
    const teacher = await askTeacher(models, answerPrompt, parts.question, teacherOptions(unit, 0, options), samplingSeed, signal, seedShot(profile, unit.fewShot ?? [], parts.context));
    const draft: SampleDraft = {
      outputKey: 'a0',
      strategy: 'answer-augmentation',
      question: seed.question,
      answer: teacher.answer,
      flags: teacher.flags,
      seedLines: [seed.line],
      seedHashes: [seed.hash],
      exampleSampleIds: [],
      calls: [teacher.record],
      ...(teacher.notes.length > 0 ? { notes: teacher.notes } : {}),
      ...teacherOf(unit, 0),
    };
    await onSample(draft);
    return [draft];
  };
  return {
    id: 'answer-augmentation',
    plan: (seeds, limits: PlanLimits, options) => planAnswerAugmentation(seeds, limits, options),
    run: (unit, models, options, signal) => runUnit(unit, models, options, signal, () => {}),
    runUnit,
  };
}
