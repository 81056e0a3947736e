// JSON Schema validation with ajv; each error is mapped back to the YAML node it is about.
import type { ErrorObject } from 'ajv';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/format.js';
import { lookupKind } from '../layers/registry.js';
import { buildSchema } from './schema.js';
import { schemaHelp } from './shape-help.js';
import { mapGet, nodeAtPointer, toPlain, type Located } from './yaml-tree.js';

import { validate as validateSpec } from './generated/spec-validator.js';

interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Validates one spec file's tree; reports every problem, returns whether it is valid. */
export function validateTree(tree: Located, bag: DiagnosticBag): boolean {
  const validate = validateSpec as GeneratedValidator;
  if (validate(toPlain(tree))) return checkModelName(tree, bag);
  const seen = new Set<string>();
  for (const err of pruneErrors(validate.errors ?? [])) {
    const { node, keyAt } = nodeAtPointer(tree, err.instancePath);
    const { message, suggestion, atKey } = describe(err);
    const extraKey = atKey && node.kind === 'map' ? node.entries.find((e) => e.key === atKey) : undefined;
    const at = extraKey?.keyAt ?? (err.keyword === 'required' ? (keyAt ?? node.at) : node.at);
    const id = `${at.start}:${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    bag.error('schema', message, at, suggestion ?? schemaHelp(err, node) ?? splitCallHint(bag.sourceText(at.file) ?? '', at.start ?? 0));
  }
  return false;
}

/** The model's name heads every report: one line of printable text, so it cannot forge output lines. */
function checkModelName(tree: Located, bag: DiagnosticBag): boolean {
  const name = mapGet(tree, 'name');
  if (name?.kind !== 'scalar' || typeof name.value !== 'string' || !/[\u0000-\u001f\u007f-\u009f]/.test(name.value)) return true;
  bag.error('schema', "'name' must be one line of printable text (it holds a line break or control character)", name.at);
  return false;
}

/**
 * `- [Conv2D(8, 1)]`: YAML splits an unquoted call at its commas inside a flow list, leaving
 * `Conv2D(8` and `1)`. Spot an unclosed parenthesis before the error on its line.
 */
function splitCallHint(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const open = (before.match(/\(/g) ?? []).length - (before.match(/\)/g) ?? []).length;
  return open > 0 && /[[{]/.test(before) ? 'inside [...] or {...}, quote a call string that has commas: - ["Conv2D(8, 1)"]' : undefined;
}

/** Drops the noise ajv emits for union branches, keeping the most specific error per location. */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const deepest = new Map<string, ErrorObject>();
  for (const err of errors) {
    if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf') continue;
    const key = `${err.instancePath}|${err.keyword}|${JSON.stringify(err.params)}`;
    if (!deepest.has(key)) deepest.set(key, err);
  }
  return [...deepest.values()];
}

function describe(err: ErrorObject): { message: string; suggestion?: string; atKey?: string } {
  const where = err.instancePath ? `'${pathText(err.instancePath)}'` : 'the spec';
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const allowed = allowedKeys(err.instancePath);
      return { message: `unknown key '${key}' in ${where}`, suggestion: didYouMean(key, allowed), atKey: key };
    }
    case 'required':
      return { message: `${where} is missing '${(err.params as { missingProperty: string }).missingProperty}'` };
    case 'type':
      return { message: `${where} must be ${typeText((err.params as { type: string | string[] }).type)}` };
    case 'enum': {
      const values = (err.params as { allowedValues: unknown[] }).allowedValues.filter((v) => v !== null);
      const shown = values.length > 12 ? `${values.slice(0, 12).map(quote).join(', ')}, …` : values.map(quote).join(', ');
      return { message: `${where} must be one of ${shown}` };
    }
    default:
      return { message: `${where} ${err.message ?? 'is invalid'}` };
  }
}

type SchemaShape = { properties: Record<string, unknown>; definitions: Record<string, { properties?: Record<string, { properties?: object }> }> };
/** Built on the first unknown key only: valid specs never need it. */
let schema: SchemaShape | undefined;

/** The property names allowed at an instance path (the generated validator's schemaPath is relative to a $ref). */
function allowedKeys(instancePath: string): string[] {
  schema ??= buildSchema() as SchemaShape;
  const parts = instancePath.split('/').slice(1);
  const last = parts[parts.length - 1];
  const stepProps = schema.definitions.step!.properties!;
  if (last === undefined) return Object.keys(schema.properties);
  if (/^\d+$/.test(last)) return Object.keys(stepProps);
  if (parts[parts.length - 2] === 'blocks') return ['description', 'params', 'inputs', 'layers'];
  const kind = lookupKind(last);
  if (kind) return Object.keys(kind.args);
  return Object.keys(stepProps[last]?.properties ?? schema.definitions[last]?.properties ?? {});
}

function pathText(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

function typeText(type: string | string[]): string {
  const names: Record<string, string> = {
    integer: 'an integer',
    number: 'a number',
    string: 'a string (an expression where a number is expected)',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    null: 'empty',
  };
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => names[t] ?? t).join(' or ');
}

const quote = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : String(v));
