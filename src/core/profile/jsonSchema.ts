// A JSON Schema inferred from example values, in bounded memory: per position in the documents,
// the types seen, how often, and (for objects) each key with its own node. Required = present in
// every object at that position. The schema is what prompts show the teacher and what the json
// check validates against.
import type { JsonSchema, JsonTypeName } from './types.ts';

/** Beyond these the schema stops describing (an object of 10,000 keys is data, not a shape). */
const MAX_KEYS = 100;
const MAX_DEPTH = 8;

const TYPE_ORDER: readonly JsonTypeName[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

export function jsonTypeOf(value: unknown): JsonTypeName {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

class SchemaNode {
  readonly types = new Set<JsonTypeName>();
  objects = 0;
  readonly keys = new Map<string, { node: SchemaNode; present: number }>();
  truncated = false;
  items: SchemaNode | undefined;

  add(value: unknown, depth: number): void {
    this.types.add(jsonTypeOf(value));
    if (depth >= MAX_DEPTH) {
      this.truncated = true;
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) (this.items ??= new SchemaNode()).add(item, depth + 1);
    } else if (typeof value === 'object' && value !== null) {
      this.objects++;
      for (const [key, child] of Object.entries(value)) {
        let entry = this.keys.get(key);
        if (!entry) {
          if (this.keys.size >= MAX_KEYS) {
            this.truncated = true;
            continue;
          }
          this.keys.set(key, (entry = { node: new SchemaNode(), present: 0 }));
        }
        entry.present++;
        entry.node.add(child, depth + 1);
      }
    }
  }

  schema(): JsonSchema {
    const types = TYPE_ORDER.filter((t) => this.types.has(t) && !(t === 'integer' && this.types.has('number')));
    const schema: { -readonly [K in keyof JsonSchema]: JsonSchema[K] } = {};
    if (types.length === 1) schema.type = types[0] as JsonTypeName;
    else if (types.length > 1) schema.type = types;
    if (this.objects > 0 && !(this.truncated && this.keys.size === 0)) {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, entry] of this.keys) {
        properties[key] = entry.node.schema();
        if (entry.present === this.objects) required.push(key);
      }
      schema.properties = properties;
      if (required.length > 0) schema.required = required;
      if (!this.truncated) schema.additionalProperties = false;
    }
    if (this.items) schema.items = this.items.schema();
    return schema;
  }
}

export class JsonSchemaInference {
  readonly #root = new SchemaNode();
  #count = 0;

  add(value: unknown): void {
    this.#count++;
    this.#root.add(value, 0);
  }

  get count(): number {
    return this.#count;
  }

  schema(): JsonSchema | undefined {
    return this.#count === 0 ? undefined : this.#root.schema();
  }
}

/** Where a value departs from a schema, as `path: problem` lines (empty when it fits). */
export function schemaProblems(value: unknown, schema: JsonSchema, path = '$', out: string[] = [], limit = 10): string[] {
  if (out.length >= limit) return out;
  const type = jsonTypeOf(value);
  const allowed = schema.type === undefined ? undefined : typeof schema.type === 'string' ? [schema.type] : schema.type;
  if (allowed && !allowed.includes(type) && !(type === 'integer' && allowed.includes('number'))) {
    out.push(`${path}: ${type}, expected ${allowed.join(' or ')}`);
    return out;
  }
  if (type === 'object' && schema.properties) {
    const record = value as Readonly<Record<string, unknown>>;
    for (const key of schema.required ?? []) if (!Object.hasOwn(record, key)) out.push(`${path}: missing "${key}"`);
    for (const [key, child] of Object.entries(record)) {
      if (out.length >= limit) break;
      const property = schema.properties[key];
      if (property) schemaProblems(child, property, `${path}.${key}`, out, limit);
      else if (schema.additionalProperties === false) out.push(`${path}: unexpected key "${key}"`);
    }
  }
  if (type === 'array' && schema.items) {
    const items = value as readonly unknown[];
    for (let i = 0; i < items.length && out.length < limit; i++) schemaProblems(items[i], schema.items, `${path}[${i}]`, out, limit);
  }
  return out.slice(0, limit);
}
