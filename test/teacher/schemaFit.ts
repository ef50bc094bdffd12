// Makes a value conform to a caller's JSON schema (the subset structured outputs use: type,
// properties, required, additionalProperties, items, enum, const, anyOf/oneOf, $ref to $defs,
// maxItems). The teacher's content is built in its canonical shape first; fitting keeps
// "json_schema answers match the schema" true even when the engine's schema differs a little.
import type { JsonSchema } from './protocol.ts';

export function fitToSchema(value: unknown, schema: JsonSchema | null): unknown {
  return schema === null ? value : fit(value, schema, schema);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isRecord(node) ? node[part] : undefined;
  return isRecord(node) ? node : {};
}

export function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

export function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  return typeof schema.type === 'string' ? [schema.type] : [];
}

function fit(value: unknown, rawSchema: JsonSchema, root: JsonSchema): unknown {
  const schema = resolveRef(rawSchema, root);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.includes(value) ? value : schema.enum[0];
  if ('const' in schema) return schema.const;
  const branches = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(branches) && branches.length > 0) {
    const options = branches.filter(isRecord).map((b) => resolveRef(b, root));
    const match = options.find((b) => typesOf(b).some((t) => typeMatches(value, t)));
    return fit(value, match ?? options.find((b) => !typesOf(b).includes('null')) ?? options[0] ?? {}, root);
  }
  const types = typesOf(schema);
  if (types.length === 0) return value;
  const type = types.find((t) => typeMatches(value, t)) ?? types.find((t) => t !== 'null') ?? 'null';
  switch (type) {
    case 'object': {
      const source = isRecord(value) ? value : {};
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      const out: Record<string, unknown> = {};
      for (const [key, propSchema] of Object.entries(properties)) {
        if (key in source || required.includes(key)) out[key] = fit(source[key], isRecord(propSchema) ? propSchema : {}, root);
      }
      if (schema.additionalProperties !== false) {
        for (const [key, v] of Object.entries(source)) if (!(key in properties)) out[key] = v;
      }
      return out;
    }
    case 'array': {
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : list.length;
      const items = isRecord(schema.items) ? schema.items : {};
      return list.slice(0, max).map((item) => fit(item, items, root));
    }
    case 'string':
      if (typeof value === 'string') return value;
      if (value === undefined || value === null) return '';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const n = Number(value);
      return Number.isFinite(n) ? n : 0;
    }
    case 'integer': {
      const n = Math.round(Number(value));
      return Number.isFinite(n) ? n : 0;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : Boolean(value);
    default:
      return null;
  }
}
