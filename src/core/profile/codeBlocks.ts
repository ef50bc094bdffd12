// Code in an answer: Markdown fences (```lang … ```) and, for unfenced answers, a guess at the
// language from unmistakable constructs. The guess is deliberately conservative: it names a
// language only when at least two of its tell-tale constructs appear, so prose that mentions
// `print(` once stays prose.

export interface CodeBlock {
  /** The fence's info word, lower-cased and normalised (`py` → `python`), or null when it has none. */
  readonly language: string | null;
  readonly body: string;
}

// A fence opens at the start of a line with three or more backticks (or tildes) and closes with
// the same run; CommonMark's rule, without indented fences.
const FENCE = /^([ \t]{0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)^[ \t]{0,3}\2[`~]*[ \t]*$/gm;

const ALIASES: Readonly<Record<string, string>> = {
  py: 'python',
  python3: 'python',
  js: 'javascript',
  jsx: 'javascript',
  node: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  console: 'bash',
  'c++': 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  golang: 'go',
  rs: 'rust',
  rb: 'ruby',
  cs: 'csharp',
  'c#': 'csharp',
  kt: 'kotlin',
  postgres: 'sql',
  postgresql: 'sql',
  sqlite: 'sql',
  mysql: 'sql',
  yml: 'yaml',
};

/** One name per language, so `py` and `python` are the same language. */
export function normaliseLanguage(name: string): string {
  const lower = name.trim().toLowerCase();
  return ALIASES[lower] ?? lower;
}

export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const match of text.matchAll(FENCE)) {
    const info = match[3] ?? '';
    blocks.push({ language: info === '' ? null : normaliseLanguage(info), body: match[4] ?? '' });
  }
  return blocks;
}

/** The whole text is one fenced block (nothing but blank space around it). */
export function wholeFence(text: string): CodeBlock | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('```') && !trimmed.startsWith('~~~')) return null;
  const blocks = codeBlocks(trimmed);
  if (blocks.length !== 1) return null;
  const closing = trimmed.lastIndexOf('\n');
  return /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*$/.test(trimmed.slice(closing + 1)) ? (blocks[0] as CodeBlock) : null;
}

const SIGNS: Readonly<Record<string, readonly RegExp[]>> = {
  python: [/^\s*def\s+\w+\s*\(.*\)\s*(->\s*[\w[\], .]+)?:\s*$/m, /^\s*(?:from\s+[\w.]+\s+)?import\s+[\w.]+/m, /^\s*(?:if|elif|for|while|with|try|else)\b[^\n;{]*:\s*$/m, /\bprint\(/, /\bself\./, /^\s*class\s+\w+(?:\(.*\))?:\s*$/m, /\breturn\b[^;\n]*$/m],
  javascript: [/\b(?:const|let|var)\s+\w+\s*=/, /=>/, /\bfunction\s*\w*\s*\(/, /console\.log\(/, /;\s*$/m, /\brequire\(|\bexport\s+(?:const|function|default)\b/],
  typescript: [/\b(?:const|let)\s+\w+\s*:\s*\w+/, /\binterface\s+\w+\s*\{/, /\):\s*(?:string|number|boolean|void|Promise<)/, /\btype\s+\w+\s*=/, /=>/, /\bimport\s+(?:type\s+)?\{[^}]*\}\s+from\s+['"]/],
  java: [/\bpublic\s+(?:static\s+)?(?:class|void|int|String)\b/, /System\.out\.print/, /\bprivate\s+\w+/, /;\s*$/m, /\bnew\s+\w+\s*\(/],
  cpp: [/#include\s*[<"]/, /\bstd::/, /\bint\s+main\s*\(/, /\bcout\s*<</, /;\s*$/m],
  c: [/#include\s*<stdio\.h>/, /\bprintf\s*\(/, /\bint\s+main\s*\(/, /;\s*$/m],
  go: [/^package\s+\w+/m, /\bfunc\s+(?:\([^)]*\)\s*)?\w*\s*\(/, /:=/, /\bfmt\.\w+\(/],
  rust: [/\bfn\s+\w+\s*\(/, /\blet\s+(?:mut\s+)?\w+/, /\w+!\(/, /->\s*[\w<>&]+\s*\{/, /\bimpl\b|\bpub\s+fn\b/],
  bash: [/^#!\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|z)?sh/m, /^\s*(?:echo|export|cd|grep|sed|awk|curl)\s/m, /\$\{?\w+\}?/, /\|\s*\w+/, /^\s*fi\s*$|^\s*done\s*$/m],
  html: [/<(?:div|span|html|body|head|p|a|ul|li|table)\b[^>]*>/i, /<\/\w+>/],
};

/** The language an unfenced text is written in, or null when it does not read as code. */
export function guessLanguage(text: string): string | null {
  let best: string | null = null;
  let bestScore = 1;
  for (const [language, signs] of Object.entries(SIGNS)) {
    let score = 0;
    for (const sign of signs) if (sign.test(text)) score++;
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}
