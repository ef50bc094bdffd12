// The profile module's public surface: what kind of answers a seed file has.
export { classifyAnswer } from './classifyAnswer.ts';
export type { AnswerShape, SqlDecision } from './classifyAnswer.ts';
export { codeBlocks, guessLanguage, normaliseLanguage, wholeFence } from './codeBlocks.ts';
export type { CodeBlock } from './codeBlocks.ts';
export { JsonSchemaInference, jsonTypeOf, schemaProblems } from './jsonSchema.ts';
export { markerOf } from './numericMarker.ts';
export { AnswerProfileBuilder, MAX_LABELS, profileSeeds, SQL_PARSE_SAMPLE } from './profileBuilder.ts';
export type { ProfileOptions } from './profileBuilder.ts';
export { readSql, sqlTextOf } from './sqlStatement.ts';
export type { SqlReading } from './sqlStatement.ts';
export { ANSWER_KINDS, isAnswerKind } from './types.ts';
export type { AnswerKind, AnswerProfile, JsonSchema, JsonTypeName, LengthRange, NumericMarker } from './types.ts';
export { readProfileSettings } from './projectSettings.ts';
export type { ProfileSettingProblem, ProfileSettings } from './projectSettings.ts';
