// Points a workspace at the local test teacher by editing its .vscode/settings.json in place with
// jsonc-parser, so a person's own settings and comments in that file survive.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyEdits, modify, parse } from 'jsonc-parser';

/** Sets each key; `onlyIfUnset` keys keep a value the person chose. Returns the keys written. */
export async function updateWorkspaceSettings(workspace: string, values: Record<string, unknown>, onlyIfUnset: readonly string[] = []): Promise<string[]> {
  const file = path.join(workspace, '.vscode', 'settings.json');
  await mkdir(path.dirname(file), { recursive: true });
  let text = existsSync(file) ? await readFile(file, 'utf8') : '{}\n';
  const current = (parse(text) ?? {}) as Record<string, unknown>;
  const written: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (onlyIfUnset.includes(key) && current[key] !== undefined) continue;
    text = applyEdits(text, modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
    written.push(key);
  }
  await writeFile(file, text);
  return written;
}
