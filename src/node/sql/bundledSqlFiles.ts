// Where the SQL worker and sql.js's WebAssembly are in a build: beside the bundles in dist/
// (scripts/build.mjs puts them there; .vscodeignore ships them in the VSIX).
import path from 'node:path';
import type { SqlWorkerFiles } from './workerSqlExecutor.ts';

/** `distDir`: the folder of the running bundle (dist/ of the extension or of the CLI). */
export function bundledSqlFiles(distDir: string): SqlWorkerFiles {
  return { workerFile: path.join(distDir, 'sqlWorker.js'), wasmFile: path.join(distDir, 'sql-wasm.wasm') };
}
