// The planner's public surface.
export { chooseStrategy, crossoverBand } from './chooseStrategy.ts';
export type { CrossoverBand, AutoChoice } from './chooseStrategy.ts';
export { distinctSeeds } from './distinctSeeds.ts';
export { fewShotFor, fewShotWindows, TEACHER_FEW_SHOT } from './fewShotRotation.ts';
export { planAnswerAugmentation } from './planAnswerAugmentation.ts';
export type { PlanExtras } from './planAnswerAugmentation.ts';
export {
  ACCEPTED_EXAMPLES_PER_CALL,
  DEFAULT_FEW_SHOT_SIZE,
  DEFAULT_QUESTIONS_PER_CALL,
  MAX_QUESTIONS_PER_CALL,
} from './planDefaults.ts';
export { normalizeLimits } from './planLimits.ts';
export { planNewQuestion } from './planNewQuestion.ts';
export { planQuestionRephrase } from './planQuestionRephrase.ts';
export { planRun, planUnits } from './planRun.ts';
export type { PlanRunOptions, RunPlan } from './planRun.ts';
export { answerAugmentationKey, newQuestionKey, questionRephraseKey } from './unitKeys.ts';
export { readAnswerAugmentationParams, readNewQuestionParams, readQuestionRephraseParams } from './unitParams.ts';
export type { AnswerAugmentationParams, NewQuestionParams, QuestionRephraseParams } from './unitParams.ts';
export { assignTeachers, splitByWeight } from './teacherSplit.ts';
export type { TeacherWeight } from './teacherSplit.ts';
