// Bundles the three programs SeedSmith ships: the extension host entry (CommonJS, `vscode`
// external), the CLI (CommonJS with a shebang so `npx seedsmith` works) and the sidebar webview
// (an IIFE for the browser). Tests of the extension host are bundled too, because the extension
// host loads plain JavaScript.
import * as esbuild from 'esbuild';
import { chmod } from 'node:fs/promises';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

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

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/host/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    // The tokenizer's tables are megabytes: the extension loads this bundle on first use only.
    ...common,
    entryPoints: { tokenizer: 'src/core/advisor/tokenizers.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    // src/cli/main.ts starts with the #! line, and esbuild keeps it at the top of the bundle.
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
  },
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

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('[build] watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  await chmod('dist/cli.js', 0o755);
}
