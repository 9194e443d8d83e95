// GitHub's published OpenAPI description (from @octokit/openapi), loaded once per test worker and
// turned into a route table plus ajv validators. The fake GitHub server uses it so that a request
// our code makes is checked against the real contract, not against what a test author assumed.
//
// We load `api.github.com.json` (13 MB, `$ref`s intact) rather than the 73 MB `.deref.json`: it
// parses in about a tenth of the time, and ajv resolves the `$ref`s itself, compiling only the
// schemas an operation actually reaches.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** The parameter's schema, with its `$ref`s pointing into the shared ajv document. */
  schema: JsonObject;
  /** The JSON type after following `$ref`s, to coerce query strings before validating. */
  type: string | undefined;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The path template as the spec writes it, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  docsUrl: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** `undefined` when the operation takes no JSON body. */
  body: { required: boolean; schema: JsonObject } | undefined;
  /** JSON response schemas by status code ("200", "201", …). */
  responses: Map<string, JsonObject>;
  pattern: RegExp;
  /** The names of `pattern`'s capture groups, in order (names like `enterprise-team` cannot be group names). */
  patternNames: string[];
  /** Literal path characters: more means more specific (`issues/comments` beats `issues/{issue_number}`). */
  specificity: number;
}

export interface RouteMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

/** One reason a request does not fit its operation, e.g. `body/body must be string`. */
export interface RequestProblem {
  in: 'path' | 'query' | 'body';
  message: string;
}

export interface GitHubSpec {
  /** Milliseconds spent reading, parsing and indexing the description (paid once per worker). */
  loadMs: number;
  operationsById: ReadonlyMap<string, Operation>;
  match(method: string, path: string): RouteMatch | undefined;
  checkRequest(
    operation: Operation,
    input: { pathParams: Record<string, string>; query: URLSearchParams; body: unknown },
  ): { problems: RequestProblem[]; pathParams: Record<string, unknown>; query: Record<string, unknown> };
  /** Problems with a response *we* produced: a bug in the fake, not in the code under test. */
  checkResponse(operation: Operation, status: number, body: unknown): string[];
}

// The key under which the spec's `components` are registered with ajv; operation fragments are
// rebased onto it so that `#/components/schemas/issue` still resolves.
const DOC = 'github-openapi';

let cached: GitHubSpec | undefined;

export function loadGitHubSpec(): GitHubSpec {
  cached ??= buildSpec();
  return cached;
}

function buildSpec(): GitHubSpec {
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const root = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  const formats = new Set<string>();
  normalise(root, formats);

  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv, formats);
  ajv.addSchema({ components: root.components ?? {} }, DOC);

  const byMethod = new Map<string, Operation[]>();
  const byId = new Map<string, Operation>();
  for (const [template, item] of entries(root.paths)) {
    const shared = asArray(asObject(item).parameters);
    for (const method of ['get', 'put', 'post', 'patch', 'delete', 'head', 'options']) {
      const raw = asObject(item)[method];
      if (!isObject(raw)) continue;
      const op = toOperation(root, template, method.toUpperCase(), raw, shared);
      byId.set(op.operationId, op);
      const list = byMethod.get(op.method) ?? [];
      list.push(op);
      byMethod.set(op.method, list);
    }
  }
  for (const list of byMethod.values()) list.sort((a, b) => b.specificity - a.specificity);

  // Validators are compiled on first use: most of the ~1,100 operations are never called.
  const validators = new Map<string, ValidateFunction>();
  const validator = (key: string, schema: JsonObject): ValidateFunction => {
    let fn = validators.get(key);
    if (!fn) {
      fn = ajv.compile(schema);
      validators.set(key, fn);
    }
    return fn;
  };

  return {
    loadMs: performance.now() - started,
    operationsById: byId,
    match(method, path) {
      for (const operation of byMethod.get(method.toUpperCase()) ?? []) {
        const m = operation.pattern.exec(path);
        if (!m) continue;
        const pathParams: Record<string, string> = {};
        operation.patternNames.forEach((name, i) => (pathParams[name] = safeDecode(m[i + 1] ?? '')));
        return { operation, pathParams };
      }
      return undefined;
    },
    checkRequest(operation, input) {
      const problems: RequestProblem[] = [];
      const pathParams = coerceAll(operation.pathParams, (name) => input.pathParams[name]);
      const query = coerceAll(operation.queryParams, (name, type) =>
        type === 'array' ? nonEmpty(input.query.getAll(name)) : (input.query.get(name) ?? undefined),
      );
      for (const name of new Set(input.query.keys())) {
        if (!operation.queryParams.some((p) => p.name === name)) {
          problems.push({ in: 'query', message: `query/${name} is not a parameter of ${operation.operationId}` });
        }
      }
      const check = (where: RequestProblem['in'], key: string, schema: JsonObject, data: unknown): void => {
        const fn = validator(`${operation.operationId} ${key}`, schema);
        if (!fn(data)) problems.push(...describe(fn.errors, where));
      };
      check('path', 'path', paramsSchema(operation.pathParams), pathParams);
      check('query', 'query', paramsSchema(operation.queryParams), query);
      if (operation.body) {
        if (input.body === undefined) {
          if (operation.body.required) problems.push({ in: 'body', message: 'body is required' });
        } else {
          check('body', 'body', operation.body.schema, input.body);
        }
      } else if (input.body !== undefined) {
        problems.push({ in: 'body', message: `${operation.operationId} takes no request body` });
      }
      return { problems, pathParams, query };
    },
    checkResponse(operation, status, body) {
      const schema = operation.responses.get(String(status));
      if (!schema) return [];
      const fn = validator(`${operation.operationId} response ${status}`, schema);
      return fn(body) ? [] : describe(fn.errors, 'body').map((p) => `response ${status}: ${p.message.slice('body'.length)}`);
    },
  };
}

function toOperation(root: JsonObject, template: string, method: string, raw: JsonObject, shared: Json[]): Operation {
  const params = [...shared, ...asArray(raw.parameters)].map((p) => toParameter(root, p));
  const requestBody = resolve(root, raw.requestBody);
  const bodySchema = isObject(requestBody) ? jsonSchemaOf(requestBody) : undefined;
  const responses = new Map<string, JsonObject>();
  for (const [status, response] of entries(raw.responses)) {
    const schema = jsonSchemaOf(resolve(root, response));
    if (schema) responses.set(status, rebase(schema));
  }
  const { pattern, patternNames, specificity } = compileTemplate(template);
  return {
    operationId: text(raw.operationId),
    method,
    template,
    docsUrl: text(asObject(raw.externalDocs).url) || 'https://docs.github.com/rest',
    pathParams: params.filter((p) => p.in === 'path'),
    queryParams: params.filter((p) => p.in === 'query'),
    body: bodySchema && isObject(requestBody) ? { required: requestBody.required === true, schema: rebase(bodySchema) } : undefined,
    responses,
    pattern,
    patternNames,
    specificity,
  };
}

function toParameter(root: JsonObject, ref: Json): Parameter {
  const p = asObject(resolve(root, ref));
  const schema = asObject(p.schema);
  return {
    name: text(p.name),
    in: text(p.in) as Parameter['in'],
    required: p.required === true,
    schema: rebase(schema),
    type: typeOf(root, schema),
  };
}

function compileTemplate(template: string): { pattern: RegExp; patternNames: string[]; specificity: number } {
  let specificity = 0;
  const patternNames: string[] = [];
  // Each `{name}` matches within one path segment; everything else must match literally.
  const source = template.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
    if (name !== undefined) {
      patternNames.push(name);
      return '([^/]+?)';
    }
    specificity += part.length;
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return { pattern: new RegExp(`^${source}$`), patternNames, specificity };
}

function paramsSchema(params: Parameter[]): JsonObject {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

// Path and query values arrive as strings; GitHub reads `per_page=100` as the integer 100, so we
// coerce by the declared type and let the schema reject what does not convert (`per_page=ten`).
function coerceAll(
  params: Parameter[],
  read: (name: string, type: string | undefined) => string | string[] | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const raw = read(p.name, p.type);
    if (raw !== undefined) out[p.name] = Array.isArray(raw) ? raw : coerce(raw, p.type);
  }
  return out;
}

function coerce(value: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function describe(errors: ErrorObject[] | null | undefined, where: RequestProblem['in']): RequestProblem[] {
  // `oneOf` failures repeat once per branch; one line per (place, message) is enough to act on.
  const lines = new Set((errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? 'is invalid'}`));
  return [...lines].map((message) => ({ in: where, message }));
}

// OpenAPI 3.0 is not quite JSON Schema. Two differences matter to ajv: `nullable` without a `type`
// (ajv refuses it), and `nullable` next to an `enum` that does not list null (ajv would reject the
// null GitHub actually sends, e.g. `state_reason`). Rewriting in place is safe: the parsed spec
// is private to this module.
function normalise(node: Json, formats: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) normalise(item, formats);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.format === 'string') formats.add(node.format);
  if (node.nullable === true) {
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
    if (node.type === undefined) {
      delete node.nullable;
      const combinator = (['oneOf', 'anyOf', 'allOf'] as const).find((k) => node[k] !== undefined);
      if (combinator) {
        node.anyOf = [{ type: 'null' }, { [combinator]: node[combinator] ?? null }];
        if (combinator !== 'anyOf') delete node[combinator];
      }
    }
  }
  for (const value of Object.values(node)) normalise(value, formats);
}

// Formats are checked without adding a dependency: the few a client could get wrong in a request
// (`since` as a date-time, a URI, an email) are checked; the rest (`uri-template`, `int64`, …)
// are accepted, which is what ajv would do with format validation off.
function addFormats(ajv: Ajv, names: Set<string>): void {
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
  const known: Record<string, (value: string) => boolean> = {
    'date-time': (v) => dateTime.test(v) && !Number.isNaN(Date.parse(v)),
    date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
    uri: (v) => URL.canParse(v),
    email: (v) => /^[^\s@]+@[^\s@]+$/.test(v),
  };
  for (const name of names) ajv.addFormat(name, known[name] ?? true);
}

function rebase(schema: JsonObject): JsonObject {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${DOC}#/`)) as JsonObject;
}

function jsonSchemaOf(holder: Json): JsonObject | undefined {
  const content = asObject(asObject(holder).content);
  const media = Object.keys(content).find((type) => type === 'application/json' || type.endsWith('+json'));
  const schema = media === undefined ? undefined : asObject(content[media]).schema;
  return isObject(schema) ? schema : undefined;
}

function typeOf(root: JsonObject, schema: Json): string | undefined {
  const resolved = asObject(resolve(root, schema));
  return typeof resolved.type === 'string' ? resolved.type : undefined;
}

function resolve(root: JsonObject, node: Json | undefined): Json {
  let current: Json = node ?? null;
  // Parameters and responses are referenced at most a couple of levels deep.
  while (isObject(current) && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    let target: Json = root;
    for (const token of current.$ref.slice(2).split('/')) {
      target = asObject(target)[token.replaceAll('~1', '/').replaceAll('~0', '~')] ?? null;
    }
    current = target;
  }
  return current;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const text = (value: Json | undefined): string => (typeof value === 'string' ? value : '');
const nonEmpty = (values: string[]): string[] | undefined => (values.length > 0 ? values : undefined);
const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const asObject = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});
const asArray = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
const entries = (value: Json | undefined): [string, Json][] => Object.entries(asObject(value));
