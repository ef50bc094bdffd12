// Button words the sidebar shares with the command palette: one spelling for one action, so a
// person never wonders whether "Set API key" and "Set API Key" are two things.
export const LABELS = {
  setApiKey: 'Set API Key',
  changeApiKey: 'Change API Key',
} as const;
