// Lint enforces the layering of architecture.md: only src/host talks to VS Code, the webview
// runs in a browser (no Node builtins), the core depends on nothing above it and on no Node
// builtin but the hash in src/core/sha256.ts, and scripts do not reach into the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const noVscode = { name: 'vscode', message: 'Only src/host may import vscode (architecture.md: layering).' };
const layer = (group, message) => ({ group, message });
const builtinsIn = (where) => nodeBuiltins.map((name) => ({ name, message: `${where}: no Node builtins.` }));
const coreMessage = 'core imports nothing above it (host, cli, teacher, node, shared, webview).';
const coreImports = (builtins) => ({
  paths: [noVscode, ...builtins],
  patterns: [layer(['**/host/**', '**/hostLogic/**', '**/cli/**', '**/teacher/**', '**/node/**', '**/shared/**', '**/webview/**'], coreMessage)],
});

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
    rules: { 'no-restricted-imports': ['error', coreImports(builtinsIn('core is plain TypeScript (file and network access come through interfaces passed in; hashing through src/core/sha256.ts)'))] },
  },
  {
    files: ['src/core/sha256.ts'],
    rules: { 'no-restricted-imports': ['error', coreImports([])] },
  },
  {
    // Plain modules of the editor's logic (snapshots, can-a-run-start): tested under plain Node.
    files: ['src/hostLogic/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ ...noVscode, message: 'src/hostLogic is the editor logic that needs no vscode: keep it so (architecture.md).' }, ...builtinsIn('src/hostLogic is plain logic')],
        patterns: [layer(['**/host/**', '**/cli/**', '**/teacher/**', '**/node/**', '**/webview/**'], 'src/hostLogic sees core and the protocol only; the host calls it.')],
      }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [noVscode, ...builtinsIn('src/shared is loaded by the webview too')],
        patterns: [
          layer(['**/host/**', '**/hostLogic/**', '**/cli/**', '**/teacher/**', '**/node/**'], 'src/shared holds types and tiny guards only.'),
          // Types from core are free; values only from the import-free list of strategies.
          { regex: '/core/(?!samples/strategyIds\\.ts$)', allowTypeImports: true, message: 'src/shared may import types from core, and values only from core/samples/strategyIds.ts.' },
        ],
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
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The product's scripts (build, start) must not depend on test code: a test helper changes
    // with the tests, and `npm start` or the build would change with it.
    files: ['scripts/**/*.{ts,mjs}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer(['**/test/**'], 'scripts/ cannot import test/: move what both need into scripts/.')] }] },
  },
);
