// Bundles the programs SeedSmith ships: the extension host entry (CommonJS, `vscode` external)
// with its estimate worker, the tokenizer's tables, the CLI (CommonJS with a shebang so
// `npx seedsmith` works) and the sidebar webview (an IIFE for the browser). Tests of the
// extension host are bundled too, because the extension host loads plain JavaScript.
import * as esbuild from 'esbuild';
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// `--only cli,tokenizer --outdir DIR`: some of the shipped bundles into another folder (a test
// builds the CLI this way to check what it contains).
const only = flagValue('--only')?.split(',');
const outdir = flagValue('--outdir') ?? 'dist';

function flagValue(flag) {
  const at = process.argv.indexOf(flag);
  return at === -1 ? undefined : process.argv[at + 1];
}

/**
 * The tokenizer's tables are megabytes: a program that counts tokens loads them from their own
 * bundle (dist/tokenizer.js, next to it) on first use, so `import('…/tokenizers.ts')` stays a
 * dynamic import of that file instead of being inlined. Static imports are left alone.
 * @type {import('esbuild').Plugin}
 */
const tokenizerAsOwnFile = {
  name: 'tokenizer-as-own-file',
  setup(build) {
    build.onResolve({ filter: /[\\/]advisor[\\/]tokenizers\.ts$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './tokenizer.js', external: true } : undefined));
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
  // jsonc-parser's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const shipped = [
  {
    ...common,
    entryPoints: { extension: 'src/host/extension.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    // The editor's strategy estimates run on a worker thread of their own (src/host/advisor/estimateWorker.ts).
    ...common,
    entryPoints: { estimateWorker: 'src/host/advisor/estimateWorker.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    plugins: [tokenizerAsOwnFile],
  },
  {
    // The review card's automatic checks run on a worker thread of their own (src/host/checks/checksWorker.ts).
    ...common,
    entryPoints: { checksWorker: 'src/host/checks/checksWorker.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
  },
  {
    // The tokenizer's tables are megabytes: the CLI and the estimate worker load this bundle on first use only.
    ...common,
    entryPoints: { tokenizer: 'src/core/advisor/tokenizers.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
    plugins: [tokenizerAsOwnFile],
    // src/cli/main.ts starts with the #! line, and esbuild keeps it at the top of the bundle.
    // A CommonJS bundle has no import.meta: the one use (sqlWorkerFiles.ts) takes __dirname here.
    define: { 'import.meta.url': 'undefined' },
  },
  {
    // SQL execution match runs SQLite (sql.js, WebAssembly) in a worker thread that can be
    // terminated when a query hangs; the worker needs its own script, and sql-wasm.wasm beside it.
    ...common,
    entryPoints: { sqlWorker: 'src/node/sql/sqlWorker.ts' },
    outdir,
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir,
    platform: 'browser',
    format: 'iife',
  },
];

const tests = [
  {
    ...common,
    sourcemap: 'inline',
    minify: false,
    entryPoints: { 'integration/index': 'test/integration/suite/index.ts', 'integration/activationProbe': 'test/integration/suite/activationProbe.ts' },
    outdir: 'out/test',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
];

const builds = only ? shipped.filter((options) => Object.keys(options.entryPoints).some((name) => only.includes(name))) : [...shipped, ...tests];

if (builds.some((options) => 'sqlWorker' in options.entryPoints)) {
  // The engine's WebAssembly is loaded at run time from beside the worker (bundledSqlFiles.ts).
  await mkdir(outdir, { recursive: true });
  await copyFile(require.resolve('sql.js/dist/sql-wasm.wasm'), `${outdir}/sql-wasm.wasm`);
}

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('[build] watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  if (builds.some((options) => 'cli' in options.entryPoints)) await chmod(`${outdir}/cli.js`, 0o755);
}
