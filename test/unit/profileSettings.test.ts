// The answer-profile keys of seedsmith.jsonc: answerKind and the SQLite database for execution
// match; a value that cannot be used is pointed at by line and column and not applied.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { readProfileSettings } from '../../src/core/profile/index.ts';

describe('profile settings in seedsmith.jsonc', () => {
  it('reads answerKind and sql.database / sql.timeoutMs beside other keys', () => {
    const settings = readProfileSettings('{\n  // text-to-SQL\n  "prompts": {},\n  "answerKind": "sql",\n  "sql": { "database": "db/concerts.sqlite", "timeoutMs": 2000 },\n}\n');
    assert.deepEqual(settings, { answerKind: 'sql', sqlDatabase: 'db/concerts.sqlite', sqlTimeoutMs: 2000, errors: [] });
    assert.deepEqual(readProfileSettings(''), { answerKind: 'auto', errors: [] });
  });

  it('points at values it cannot use and keeps the defaults', () => {
    const settings = readProfileSettings('{\n  "answerKind": 3,\n  "sql": { "database": "", "timeoutMs": -5 }\n}');
    assert.equal(settings.answerKind, 'auto');
    assert.equal(settings.sqlDatabase, undefined);
    assert.deepEqual(settings.errors.map((e) => `${e.line}:${e.column}`), ['2:17', '3:24', '3:41']);
    assert.match(settings.errors[0]?.message ?? '', /"answerKind" must be "auto" or one of "numeric", "label", "json", "sql", "code", "text"/);
  });

  it('the contributed JSON schema knows the same keys and kinds', async () => {
    const schema = JSON.parse(await readFile(new URL('../../schemas/seedsmith.schema.json', import.meta.url), 'utf8')) as { properties: Record<string, { enum?: string[]; properties?: Record<string, unknown> }> };
    assert.deepEqual(schema.properties.answerKind?.enum, ['auto', 'numeric', 'label', 'json', 'sql', 'code', 'text']);
    assert.deepEqual(Object.keys(schema.properties.sql?.properties ?? {}), ['database', 'timeoutMs']);
    const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } };
    assert.deepEqual(manifest.contributes.configuration.properties['seedsmith.seeds.answerKind']?.enum, schema.properties.answerKind?.enum);
  });
});
