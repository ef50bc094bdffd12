// Every identifier SeedSmith registers with VS Code, in one place (prefix `seedsmith.`).
export const CommandId = {
  selectSeedFile: 'seedsmith.selectSeedFile',
  showSidebar: 'seedsmith.showSidebar',
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
} as const;

export const DiagnosticSource = 'SeedSmith';
