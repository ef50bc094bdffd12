// The seeds module's public surface: everything outside src/core/seeds imports from here.
export { indexSeeds, indexSeedText } from './indexSeeds.ts';
export { SeedIndexer } from './seedIndexer.ts';
export { LineSplitter } from './lineSplitter.ts';
export type { LineSink } from './lineSplitter.ts';
export { readLines } from './readLines.ts';
export type { TextLine } from './readLines.ts';
export { fieldPathProblem } from './fieldMapping.ts';
export { normalizeQuestion } from './normalizeQuestion.ts';
export { seedHash } from './seedHash.ts';
export { SHAPE_FIELDS, SHAPES } from './detectedShapes.ts';
export type {
  FieldMapping,
  FileShape,
  IndexSeedsOptions,
  Seed,
  SeedDiagnostic,
  SeedDiagnosticCode,
  SeedErrorCode,
  SeedFields,
  SeedIndex,
  SeedContextSource,
  SeedShape,
  SeedStats,
  SeedWarningCode,
} from './types.ts';
