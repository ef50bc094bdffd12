// Lint enforces the layering of architecture.md: only src/host talks to VS Code, the webview
// runs in a browser (no Node builtins), and the core depends on nothing above it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const noVscode = { name: 'vscode', message: 'Only src/host may import vscode (architecture.md: layering).' };
const layer = (group, message) => ({ group, message });

function webviewImports({ toolkitAllowed }) {
  const toolkit = { name: '@vscode/webview-ui-toolkit', message: 'Import the toolkit only in webview/toolkit.ts (it is archived upstream: one place to replace it).' };
  return {
    paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'The webview runs in a browser: no Node builtins.' })), ...(toolkitAllowed ? [] : [toolkit])],
    patterns: [
      layer(['**/src/host/**', '**/src/core/**', '**/src/cli/**', '**/src/teacher/**'], 'The webview talks to the host through src/shared/protocol.ts only.'),
      ...(toolkitAllowed ? [] : [layer(['@vscode/webview-ui-toolkit/*'], toolkit.message)]),
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-output/**', '**/*.d.ts', 'bench/.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode, { name: 'node:fs', message: 'core takes file access through interfaces passed in.' }, { name: 'fs', message: 'core takes file access through interfaces passed in.' }, { name: 'node:fs/promises', message: 'core takes file access through interfaces passed in.' }],
        patterns: [layer(['**/host/**', '**/cli/**', '**/teacher/**', '../../webview/**', '**/webview/**'], 'core imports nothing above it.')],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'src/shared is loaded by the webview too: no Node builtins.' }))],
        patterns: [layer(['**/host/**', '**/cli/**', '**/teacher/**', '**/core/**'], 'src/shared holds types and tiny guards only.')],
      }],
    },
  },
  {
    files: ['src/teacher/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [layer(['**/host/**', '**/cli/**'], 'the teacher client does not know the editor or the CLI.')] }],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [layer(['**/host/**', '**/cli/**'], 'src/node adapts core to Node for both the CLI and the editor: it knows neither.')] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode], patterns: [layer(['**/host/**'], 'the CLI shares the core, not the editor.')] }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', webviewImports({ toolkitAllowed: false })] },
  },
  {
    files: ['webview/toolkit.ts'],
    rules: { 'no-restricted-imports': ['error', webviewImports({ toolkitAllowed: true })] },
  },
  {
    // ESLint's own config format needs a default export.
    files: ['eslint.config.mjs'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
