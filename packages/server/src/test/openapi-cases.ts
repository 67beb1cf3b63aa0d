/**
 * Hostile requests derived from the app's own OpenAPI document (the robustness test): for every
 * operation, a plausible request built from its schemas, then one field at a time replaced by what
 * has crashed servers before — a NUL in each string (PostgreSQL refuses 0x00 in text and jsonb),
 * int4 overflow in each integer, year 1 and 9999 in each date.
 */

/** The part of JSON Schema the app's document uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
  const?: unknown;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's form: /api/projects/:id. */
  url: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
  multipart: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
}

export function operationsOf(document: unknown): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries((document as OpenApiDocument).paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const parameters = op.parameters ?? [];
      out.push({
        method: method.toUpperCase() as Operation['method'],
        url: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: Boolean(p.required) })),
        body: op.requestBody?.content['application/json']?.schema ?? null,
        multipart: false,
      });
    }
  }
  return out;
}

export type Path = (string | number)[];

/** A field that holds a calendar date or month, by its name (refinements do not reach the document). */
export function dateKind(name: string | number | undefined): 'date' | 'month' | null {
  if (typeof name !== 'string') return null;
  if (/^month$|Month$/.test(name)) return 'month';
  if (/^(asOf|knownOn|date|from|to|cutOff)$|On$|From$|To$/.test(name)) return 'date';
  return null;
}

const today = '2026-03-02';

function pick(schema: JsonSchema): JsonSchema {
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map(pick)) as JsonSchema;
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return pick(options.find((o) => o.type !== 'null') ?? options[0]!);
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t;
  if (schema.properties) return 'object';
  return undefined;
}

/** A plausible value for a schema; `ids` supplies real ids by field name (unitId, projectId…). */
export function sampleOf(
  schema: JsonSchema,
  name: string | number | undefined,
  ids: Record<string, string>,
  depth = 0,
): unknown {
  const s = pick(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined && depth > 0) return s.default;
  switch (typeOf(s)) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        if (depth > 6) break;
        value[key] = sampleOf(child, key, ids, depth + 1);
      }
      return value;
    }
    case 'array':
      return s.items && depth < 6 ? [sampleOf(s.items, name, ids, depth + 1)] : [];
    case 'integer':
    case 'number':
      return s.minimum ?? (typeof s.maximum === 'number' && s.maximum < 1 ? s.maximum : 1);
    case 'boolean':
      return false;
    case 'string': {
      if (s.format === 'uuid') return (typeof name === 'string' && ids[name]) || ids.default;
      const kind = dateKind(name);
      if (kind === 'date') return today;
      if (kind === 'month') return today.slice(0, 7);
      if (s.pattern === '^\\d{6}$') return '500101';
      if (s.format === 'email') return 'a@example.com';
      const min = s.minLength ?? 0;
      const text = `测试${typeof name === 'string' ? name : 'x'}`;
      const sized = text.length >= Math.max(min, 1) ? text : text.padEnd(min, '样');
      return s.maxLength !== undefined ? sized.slice(0, Math.max(s.maxLength, 0)) : sized;
    }
    default:
      return typeof name === 'string' && ids[name] ? ids[name] : '测试';
  }
}

/** Every leaf of a schema with its path, type and name (arrays by their first item). */
export function leavesOf(schema: JsonSchema, path: Path = [], depth = 0): { path: Path; type: string }[] {
  const s = pick(schema);
  if (depth > 6) return [];
  const type = typeOf(s);
  if (type === 'object') {
    const leaves = Object.entries(s.properties ?? {}).flatMap(([key, child]) =>
      leavesOf(child, [...path, key], depth + 1),
    );
    // An open object (a stage move's evidence): its well-known date field too.
    if (s.additionalProperties && !s.properties) leaves.push({ path: [...path, 'date'], type: 'string' });
    return leaves;
  }
  if (type === 'array') return s.items ? leavesOf(s.items, [...path, 0], depth + 1) : [];
  return type ? [{ path, type }] : [];
}

export function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  if (!path.length) return leaf;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = [...((Array.isArray(value) ? value : []) as unknown[])];
    list[head] = setAt(list[head], rest, leaf);
    return list;
  }
  const record = { ...((value && typeof value === 'object' ? value : {}) as Record<string, unknown>) };
  record[head!] = setAt(record[head!], rest, leaf);
  return record;
}

/** What to put in a field: NUL always; int4 overflow in integers; years 1 and 9999 in dates. */
export function hostileValues(type: string, name: string | number | undefined, base: unknown) {
  const values: { label: string; value: unknown; nul?: boolean }[] = [];
  if (type === 'string') {
    values.push({ label: 'NUL', value: `${typeof base === 'string' ? base : 'a'}\u0000x`, nul: true });
    const kind = dateKind(name);
    if (kind === 'date') {
      values.push({ label: 'year 1', value: '0001-01-01' }, { label: 'year 9999', value: '9999-12-31' });
    }
    if (kind === 'month') {
      values.push({ label: 'year 1', value: '0001-01' }, { label: 'year 9999', value: '9999-12' });
    }
  }
  if (type === 'integer' || type === 'number') {
    values.push(
      { label: 'int4 overflow', value: 2_147_483_648 },
      { label: 'unsafe integer', value: 2 ** 53 + 2 },
    );
  }
  return values;
}
