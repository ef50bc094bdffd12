// The project file seedsmith.jsonc (prompt overrides) for a seed file: the given path, or the
// first seedsmith.jsonc found beside the seed file or in a folder above it. Reading it is Node's
// job; what it means is the core's (loadPromptOverrides).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadPromptOverrides, type PromptOverrideResult } from '../core/prompts/overrides.ts';

export const PROJECT_FILE = 'seedsmith.jsonc';

export function findProjectFile(seedFile: string, stopAt?: string): string | undefined {
  let dir = path.dirname(path.resolve(seedFile));
  const root = stopAt ? path.resolve(stopAt) : path.parse(dir).root;
  for (;;) {
    const candidate = path.join(dir, PROJECT_FILE);
    if (existsSync(candidate)) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
    dir = path.dirname(dir);
  }
}

export interface ProjectPrompts extends PromptOverrideResult {
  /** The file read, or undefined when there is none (the default prompts apply). */
  readonly file: string | undefined;
}

export async function readProjectPrompts(file: string | undefined): Promise<ProjectPrompts> {
  if (!file) return { ...loadPromptOverrides(''), file: undefined };
  return { ...loadPromptOverrides(await readFile(file, 'utf8')), file };
}
