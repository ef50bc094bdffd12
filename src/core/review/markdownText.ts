// Seed and model text as literal Markdown text, for hovers: every character Markdown or HTML
// could read as syntax is backslash-escaped (the hover is neither trusted nor HTML-enabled
// either way). Unlike VS Code's MarkdownString.appendText it keeps ordinary spaces, so a hover
// wraps between words instead of inside them.
export function asMarkdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~=:"']/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}
