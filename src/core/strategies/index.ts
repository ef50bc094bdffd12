// The strategies module's public surface (the contract itself stays in strategy.ts).
export { createAnswerAugmentation } from './answerAugmentation.ts';
export { callModel, SharedCall, throwIfAborted } from './callModel.ts';
export type { CallOutcome } from './callModel.ts';
export { createNewQuestion } from './newQuestion.ts';
export { answerFlags, finalAnswerOf, looksLikeRefusal, refusalOf } from './parseAnswer.ts';
export { readNewQuestions, readRephrasings } from './parseAugmenter.ts';
export type { AugmenterReading, NewQuestionItem } from './parseAugmenter.ts';
export { parseLooseJson } from './parseJson.ts';
export type { LooseJson } from './parseJson.ts';
export { createQuestionRephrase } from './questionRephrase.ts';
export { canonicalJson, requestCacheKey } from './requestKey.ts';
export { ANSWER_MAX_TOKENS, ANSWER_TEMPERATURE, answerSampling, NEW_QUESTION_TEMPERATURE, newQuestionSampling, REPHRASE_TEMPERATURE, rephraseSampling } from './sampling.ts';
export { createStrategies } from './strategies.ts';
export { hasReceipts } from './strategyRun.ts';
export type { CallReceipt, IncrementalStrategy, ReceiptModelCaller, SampleSink } from './strategyRun.ts';
export type { AcceptedExample, ModelCaller, PlanLimits, PlanOptions, Strategy, WorkUnit } from './strategy.ts';
export { answerRequest, answerShot, askTeacher, PLAIN_SHOT, seedShot } from './teacherAnswer.ts';
export type { AnswerShot, TeacherAnswer } from './teacherAnswer.ts';
