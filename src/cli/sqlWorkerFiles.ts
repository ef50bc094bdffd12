// Where the CLI finds the SQL worker and sql.js's WebAssembly: beside the bundle (dist/cli.js,
// CommonJS, built with sqlWorker.js and sql-wasm.wasm next to it), or, run from source (an ES
// module whose types Node strips, as the tests run it), the worker's source and the installed wasm.
import { createRequire } from 'node:module';
import { bundledSqlFiles } from '../node/sql/bundledSqlFiles.ts';
import type { SqlWorkerFiles } from '../node/sql/workerSqlExecutor.ts';

export function cliSqlWorkerFiles(): SqlWorkerFiles {
  // Only the CommonJS bundle has __dirname (scripts/build.mjs defines import.meta.url away there).
  if (typeof __dirname === 'string') return bundledSqlFiles(__dirname);
  const here = import.meta.url;
  return { workerFile: new URL('../node/sql/sqlWorker.ts', here), wasmFile: createRequire(here).resolve('sql.js/dist/sql-wasm.wasm') };
}
