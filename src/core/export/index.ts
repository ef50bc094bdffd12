// The export module's public surface: records per format, their validators, lineage.
export { buildExport } from './buildExport.ts';
export type { ExportBuild, ExportCounts, ExportOptions, ExportProblem } from './buildExport.ts';
export { EXPORT_FORMATS, formatRecord, isExportFormat, takesSystemPrompt } from './formats.ts';
export type { ExportFormat } from './formats.ts';
export { sampleLineage, seedLineage } from './lineage.ts';
export type { LineageDecision, LineagePrompt, LineageRecord } from './lineage.ts';
export { lineProblem } from './validateLine.ts';
