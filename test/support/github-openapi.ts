import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { REPO_ROOT } from "../catalog/helpers.ts";
import type { RecordedRequest } from "./fake-github-api.ts";

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}
interface Operation {
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema: Json }> };
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
let loaded: { spec: Json; routes: { method: string; pattern: RegExp; template: string; op: Operation }[]; ajv: Ajv } | undefined;
const compiled = new Map<string, ValidateFunction>();

/** GitHub's REST description, read as a file (importing the package costs seconds and 400 MB). */
function load() {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "@octokit", "openapi", "generated", "api.github.com.json"), "utf8")) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/);
  ajv.addFormat("timestamp", true);
  ajv.addSchema({ $id: "gh", components: prepare((spec as { components: Json }).components) });
  const routes = Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ["get", "post", "patch", "put", "delete"].includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), template, op, pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`) })),
  );
  loaded = { spec, routes, ajv };
  return loaded;
}

/** Drops `nullable` where there is no `type` (ajv rejects it) and makes `$ref`s point into "gh". */
function prepare<T>(node: T): T {
  if (Array.isArray(node)) return node.map(prepare) as T;
  if (node === null || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === "nullable" && !("type" in (node as Json))) continue;
    out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `gh${v}` : prepare(v);
  }
  return out as T;
}

function resolveParameter(p: Parameter | { $ref: string }, spec: Json): Parameter {
  if (!("$ref" in p)) return p;
  const name = p.$ref.split("/").pop()!;
  return ((spec.components as Json).parameters as Record<string, Parameter>)[name]!;
}

/** Problems with one recorded request against GitHub's description; empty when it conforms. */
export function openApiProblems(request: RecordedRequest): string[] {
  const { spec, routes, ajv } = load();
  const route = routes.find((r) => r.method === request.method && r.pattern.test(request.path));
  const where = `${request.method} ${request.path}`;
  if (!route) return [`${where}: no such operation in GitHub's REST description`];
  const problems: string[] = [];
  const params = (route.op.parameters ?? []).map((p) => resolveParameter(p, spec));
  for (const [name, value] of Object.entries(request.query)) {
    const param = params.find((p) => p.in === "query" && p.name === name);
    if (!param) {
      problems.push(`${where}: unknown query parameter ${name}`);
      continue;
    }
    const validate = compile(ajv, `q:${route.template}:${name}`, param.schema ?? {});
    const typed = param.schema?.type === "integer" || param.schema?.type === "number" ? Number(value) : value;
    if (!validate(typed)) problems.push(`${where}: query ${name}=${value}: ${ajv.errorsText(validate.errors)}`);
  }
  for (const p of params.filter((p) => p.in === "query" && p.required)) if (!(p.name in request.query)) problems.push(`${where}: missing query ${p.name}`);
  const schema = route.op.requestBody?.content?.["application/json"]?.schema;
  if (request.body !== undefined) {
    if (!schema) problems.push(`${where}: sends a body the operation does not take`);
    else {
      const validate = compile(ajv, `b:${request.method}:${route.template}`, strictObject(schema));
      if (!validate(request.body)) problems.push(`${where}: body: ${ajv.errorsText(validate.errors)}`);
    }
  } else if (route.op.requestBody?.required) problems.push(`${where}: missing its required body`);
  return problems;
}

/** Top-level body properties must be known: a misspelt field would otherwise pass silently. */
function strictObject(schema: Json): Json {
  return schema.type === "object" && schema.properties && !("additionalProperties" in schema) ? { ...schema, additionalProperties: false } : schema;
}

function compile(ajv: Ajv, key: string, schema: Json): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(prepare(schema));
    compiled.set(key, fn);
  }
  return fn;
}
