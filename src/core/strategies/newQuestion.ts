// New Question (NQ): one augmenter call shows a window of seeds (plus up to two accepted
// samples) and asks for `count` new questions of the same domain, each with the augmenter's own
// answerability check. That batched check is the self-check of method.md: a separate
// `self_check` call per question would cost an augmenter call each and is not made. A question
// the check rejects is kept as an `unanswerable` sample with no answer, and no teacher query is
// bought for it; the others get one teacher answer each.
import type { ChatRequest } from '../model/chat.ts';
import { TEACHER_FEW_SHOT } from '../planner/fewShotRotation.ts';
import { planNewQuestion } from '../planner/planNewQuestion.ts';
import { readNewQuestionParams } from '../planner/unitParams.ts';
import type { AnswerProfile } from '../profile/types.ts';
import { formatExamples, newQuestionContextBlock, newQuestionKindNote } from '../prompts/examples.ts';
import { profileLineage } from '../prompts/kindFormat.ts';
import { questionParts, sharedContext } from '../prompts/questionParts.ts';
import { renderPrompt } from '../prompts/render.ts';
import { NEW_QUESTIONS_FORMAT } from '../prompts/schemas.ts';
import type { PromptSet } from '../prompts/template.ts';
import type { SampleDraft, SampleFlag } from '../samples/sample.ts';
import { callModel, SharedCall } from './callModel.ts';
import { readNewQuestions, takeBatch } from './parseAugmenter.ts';
import { newQuestionSampling } from './sampling.ts';
import type { IncrementalStrategy, SampleSink } from './strategyRun.ts';
import type { ModelCaller, PlanOptions, WorkUnit } from './strategy.ts';
import { askTeacher, seedShot, teacherOf, teacherOptions } from './teacherAnswer.ts';
import { checkUnit } from './unitCheck.ts';

export function createNewQuestion(prompts: PromptSet, profile?: AnswerProfile): IncrementalStrategy {
  const newQuestionPrompt = prompts['new-question.v1'];
  const answerPrompt = prompts['answer.cot.v1'];

  const runUnit = async (unit: WorkUnit, models: ModelCaller, options: PlanOptions, signal: AbortSignal, onSample: SampleSink): Promise<SampleDraft[]> => {
    checkUnit(unit, 'new-question');
    const { count, samplingSeed, examples } = readNewQuestionParams(unit);
    // Seeds that share one context (a database schema) show it once; new questions are written
    // against it, and the teacher answers them with it. Otherwise each example keeps its own.
    const context = sharedContext(unit.seeds);
    const shown = unit.seeds.map((s) => (context === undefined ? s : { ...questionParts(s), answer: s.answer }));
    // The teacher sees 3–5 of the window's seeds as examples: none of them is the new question.
    const shot = seedShot(profile, unit.seeds.slice(0, TEACHER_FEW_SHOT), context);
    const request: ChatRequest = {
      role: 'augmenter',
      model: options.augmenterModel,
      messages: renderPrompt(newQuestionPrompt, { count, examples: formatExamples([...shown, ...examples], context), context: newQuestionContextBlock(context), kind: newQuestionKindNote(profile) }),
      sampling: newQuestionSampling(count, samplingSeed),
      responseFormat: NEW_QUESTIONS_FORMAT,
    };
    const augmenter = await callModel(models, request, { id: newQuestionPrompt.id, hash: newQuestionPrompt.hash, kind: profileLineage(profile) }, signal);
    const shared = new SharedCall(augmenter.record);
    const drafts: SampleDraft[] = [];
    const emit = async (i: number, question: string, answer: string, flags: readonly SampleFlag[], calls: SampleDraft['calls'], notes: readonly string[], teacherModel: { readonly teacherModel?: string } = {}): Promise<void> => {
      const draft: SampleDraft = {
        outputKey: `q${i}`,
        strategy: 'new-question',
        question,
        answer,
        flags,
        seedLines: unit.seeds.map((s) => s.line),
        seedHashes: unit.seeds.map((s) => s.hash),
        exampleSampleIds: examples.map((e) => e.id),
        calls,
        ...(notes.length > 0 ? { notes } : {}),
        ...teacherModel,
      };
      drafts.push(draft);
      await onSample(draft);
    };

    const batch = takeBatch(readNewQuestions(augmenter.result), count, 'questions');
    if (!batch.ok) {
      await emit(0, '', '', batch.flags, [shared.claim()], batch.notes);
      return drafts;
    }
    const { items, notes: batchNotes } = batch;
    for (const [i, item] of items.entries()) {
      const notes = i === 0 ? [...batchNotes] : [];
      if (item.question === '') {
        await emit(i, '', '', ['empty'], [shared.claim()], [...notes, 'The augmenter wrote an empty question; no teacher answer was bought for it.']);
        continue;
      }
      if (item.answerable === false) {
        const why = item.reason === '' ? '' : `: ${item.reason}`;
        await emit(i, item.question, '', ['unanswerable'], [shared.claim()], [
          ...notes,
          `The augmenter's self-check says this question is not answerable${why}`,
          'No teacher answer was bought for it (answer left empty).',
        ]);
        continue;
      }
      notes.push(item.answerable === null ? 'The augmenter gave no self-check for this question.' : `The augmenter's self-check: answerable${item.reason === '' ? '' : `: ${item.reason}`}`);
      const teacher = await askTeacher(models, answerPrompt, item.question, teacherOptions(unit, i, options), 0, signal, shot);
      await emit(i, item.question, teacher.answer, teacher.flags, [shared.claim(), teacher.record], [...notes, ...teacher.notes], teacherOf(unit, i));
    }
    return drafts;
  };

  return {
    id: 'new-question',
    plan: (seeds, limits, options) => planNewQuestion(seeds, limits, options),
    run: (unit, models, options, signal) => runUnit(unit, models, options, signal, () => {}),
    runUnit,
  };
}
