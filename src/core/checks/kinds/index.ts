// Checks per answer kind: the public surface.
export { codeChecks } from './codeChecks.ts';
export { jsonChecks } from './jsonChecks.ts';
export { kindChecks, ONE_ANSWER_KINDS } from './kindChecks.ts';
export { labelChecks, labelGoldCheck, labelInSetCheck } from './labelChecks.ts';
export { numericChecks, numericGoldCheck, numericMarkerCheck } from './numericChecks.ts';
export { DEFAULT_SQL_TIMEOUT_MS, sqlExecutionCheck, sqlParsesCheck } from './sqlChecks.ts';
export type { SqlExecutionOptions } from './sqlChecks.ts';
export type { SqlExecutor, SqlOutcome, SqlRunOptions, SqlValue } from './sqlExecutor.ts';
export { compareRows } from './sqlRows.ts';
export type { RowComparison } from './sqlRows.ts';
export { textChecks, textCopyCheck, textLengthCheck } from './textChecks.ts';
export type { TextCheckOptions } from './textChecks.ts';
export type { KindCheckId, KindCheckInput, KindCheckResult } from './types.ts';
export { kindCheckInput, sampleKindChecks } from './sampleKindChecks.ts';
export { EXECUTION_PENDING, SampleSqlExecution, withCheckResult } from './sampleSqlExecution.ts';
