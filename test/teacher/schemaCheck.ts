// A small JSON-schema checker for the same subset schemaFit.ts writes, so tests can assert that
// a structured answer really fits its schema without pulling in a validator dependency.
import type { JsonSchema } from './protocol.ts';
import { resolveRef, typeMatches, typesOf } from './schemaFit.ts';

/** Every violation, as "path: problem"; empty when the value fits. */
export function schemaErrors(value: unknown, schema: JsonSchema): string[] {
  const errors: string[] = [];
  check(value, schema, schema, '$', errors);
  return errors;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function check(value: unknown, rawSchema: JsonSchema, root: JsonSchema, path: string, errors: string[]): void {
  const schema = resolveRef(rawSchema, root);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: not one of the enum values`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: not the const value`);
  const branches = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(branches)) {
    const fits = branches.filter(isRecord).some((b) => {
      const branchErrors: string[] = [];
      check(value, b, root, path, branchErrors);
      return branchErrors.length === 0;
    });
    if (!fits) errors.push(`${path}: matches no anyOf/oneOf branch`);
  }
  const types = typesOf(schema);
  if (types.length > 0 && !types.some((t) => typeMatches(value, t))) {
    errors.push(`${path}: expected ${types.join(' or ')}`);
    return;
  }
  if (isRecord(value)) {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    for (const key of Array.isArray(schema.required) ? schema.required : []) {
      if (typeof key === 'string' && !(key in value)) errors.push(`${path}: missing required "${key}"`);
    }
    for (const [key, v] of Object.entries(value)) {
      const propSchema = properties[key];
      if (isRecord(propSchema)) check(v, propSchema, root, `${path}.${key}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${key}"`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (isRecord(schema.items)) value.forEach((item, i) => check(item, schema.items as JsonSchema, root, `${path}[${i}]`, errors));
  }
}
