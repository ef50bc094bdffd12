// Every identifier SeedSmith registers with VS Code, in one place (prefix `seedsmith.`).
export const CommandId = {
  selectSeedFile: 'seedsmith.selectSeedFile',
  showSidebar: 'seedsmith.showSidebar',
  generate: 'seedsmith.generate',
  stop: 'seedsmith.stop',
  setApiKey: 'seedsmith.setApiKey',
  clearApiKey: 'seedsmith.clearApiKey',
  testConnection: 'seedsmith.testConnection',
  accept: 'seedsmith.review.accept',
  reject: 'seedsmith.review.reject',
  skip: 'seedsmith.review.skip',
  undo: 'seedsmith.review.undo',
  edit: 'seedsmith.review.edit',
  takeOverSession: 'seedsmith.takeOverSession',
  showSamplesForLine: 'seedsmith.showSamplesForLine',
  exportSamples: 'seedsmith.export',
  autoReject: 'seedsmith.autoReject',
} as const;

export const ViewId = {
  container: 'seedsmith',
  sidebar: 'seedsmith.sidebar',
} as const;

export const SettingId = {
  section: 'seedsmith',
  teacherQueries: 'budget.teacherQueries',
} as const;

export const StateKey = {
  selectedSeedFile: 'seedsmith.selectedSeedFile',
  /** Setup sections the person folded or unfolded (sectionsState.ts). */
  sections: 'seedsmith.sections',
} as const;

export const DiagnosticSource = 'SeedSmith';
