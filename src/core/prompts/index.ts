// The prompts module's public surface.
export { DEFAULT_PROMPTS } from './defaults.ts';
export { answerContextBlock, answerExamplesBlock, formatExamples, newQuestionContextBlock, newQuestionKindNote, rephraseContextBlock } from './examples.ts';
export { formatInstruction, profileLineage } from './kindFormat.ts';
export { inSeedForm, questionParts, sharedContext } from './questionParts.ts';
export type { QuestionParts } from './questionParts.ts';
export type { ExampleText } from './examples.ts';
export { loadPromptOverrides } from './overrides.ts';
export type { PromptOverrideProblem, PromptOverrideResult } from './overrides.ts';
export { findPlaceholders } from './placeholders.ts';
export type { PlaceholderUse } from './placeholders.ts';
export { previewPrompt, renderPrompt, taskLine } from './render.ts';
export type { PromptVars } from './render.ts';
export { NEW_QUESTIONS_FORMAT, REPHRASE_FORMAT, SELF_CHECK_FORMAT } from './schemas.ts';
export { isPromptId, makeTemplate, PROMPT_IDS, templateHash } from './template.ts';
export type { PromptId, PromptSet, PromptSource, PromptTask, PromptTemplate, TemplateText } from './template.ts';
export { positionAt } from './textPosition.ts';
export type { TextPosition } from './textPosition.ts';
