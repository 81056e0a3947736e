// Help for YAML-shape mistakes, in the words of what to write instead: arguments not indented under
// their kind, step keys under a call string, `dense: 10`, a misspelt enum value, Keras's
// `input_shape` key. The schema and the YAML parser say what is wrong; this says how to fix it.
import type { ErrorObject } from 'ajv';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/format.js';
import { parseCallStep } from '../expr/index.js';
import { lookupKind } from '../layers/registry.js';
import { STEP_KEYS } from './schema.js';
import type { Located, LocatedMap } from './yaml-tree.js';

/**
 * `- conv2d:` with its arguments at the same indentation: YAML reads one mapping with keys conv2d
 * (empty), filters, kernel_size. Reported once per step, before the schema would report each
 * argument as a separate unknown step. Returns whether anything was reported.
 */
export function reportMisindentedArguments(tree: Located, bag: DiagnosticBag): boolean {
  let found = false;
  const visit = (node: Located): void => {
    if (node.kind === 'seq') node.items.forEach(visit);
    if (node.kind !== 'map') return;
    const step = misindentedStep(node);
    if (step) {
      found = true;
      const args = step.args.map((e) => e.key);
      bag.error(
        'step-indent',
        `${args.map((a) => `'${a}'`).join(', ')} ${args.length === 1 ? 'is an argument' : 'are arguments'} of ${step.kind}, but ${args.length === 1 ? 'it is' : 'they are'} not indented under '${step.kind}:'`,
        step.args[0]!.keyAt,
        `indent the arguments two spaces more than '${step.kind}:', or write them inline: ${step.kind}: {${step.args.map((e) => `${e.key}: ${plain(e.value)}`).join(', ')}}`,
      );
      return;
    }
    node.entries.forEach((e) => visit(e.value));
  };
  visit(tree);
  return found;
}

function misindentedStep(node: LocatedMap): { kind: string; args: LocatedMap['entries'] } | undefined {
  const kindEntry = node.entries.find((e) => e.value.kind === 'scalar' && e.value.value === null && lookupKind(e.key));
  if (!kindEntry) return undefined;
  const kind = lookupKind(kindEntry.key)!;
  const others = node.entries.filter((e) => e !== kindEntry && !(STEP_KEYS as readonly string[]).includes(e.key));
  if (others.length === 0 || !others.every((e) => Object.hasOwn(kind.args, e.key))) return undefined;
  return { kind: kindEntry.key, args: others };
}

function plain(node: Located): string {
  if (node.kind === 'scalar') return String(node.value);
  if (node.kind === 'seq') return `[${node.items.map(plain).join(', ')}]`;
  return '{…}';
}

/** A help line for a schema error at `node`, or undefined when the message says enough. */
export function schemaHelp(err: ErrorObject, node: Located): string | undefined {
  const path = err.instancePath.split('/').slice(1);
  const key = path[path.length - 1];
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty: string }).additionalProperty;
    if (extra === 'input_shape' && path.length === 0) return "did you mean 'input'? (netspec's name for Keras's input_shape: input: [28, 28, 1])";
    if (extra === 'input_shape')
      return "the model input goes in the top-level 'input: [28, 28, 1]' (or input_shape=(28, 28, 1) in the first layer's call string)";
    return undefined;
  }
  if (err.keyword === 'type' && key !== undefined && node.kind === 'scalar' && node.value !== null) {
    const kind = lookupKind(key);
    if (!kind || !/object/.test(JSON.stringify(err.params))) return undefined;
    const first = kind.positional[0];
    const value = String(node.value);
    return `the arguments of ${key} are a mapping: ${key}: {${first ?? 'argument'}: ${value}}, or write the call string - ${kind.className}(${value})`;
  }
  if (err.keyword === 'enum' && node.kind === 'scalar' && typeof node.value === 'string') {
    return didYouMean(
      node.value,
      (err.params as { allowedValues: unknown[] }).allowedValues.filter((v): v is string => typeof v === 'string'),
    );
  }
  return undefined;
}

/**
 * `- Conv2D(8, 3)` with `expect:` on the next line: YAML reads the call and the key as one
 * multi-line key ("Implicit keys need to be on a single line"). Step keys need the mapping form.
 */
export function yamlSyntaxHelp(text: string, offset: number, message: string): string | undefined {
  const subscript = outputSubscriptHelp(text, offset);
  if (subscript) return subscript;
  if (!/Implicit keys need to be on a single line|Implicit map keys need to be followed by map values/.test(message)) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const step = /^(\s*)-\s+(\S.*)$/.exec(line);
  const next = lineEnd < 0 ? '' : text.slice(lineEnd + 1).split('\n', 1)[0]!;
  const key = /^\s+([A-Za-z_]\w*)\s*:/.exec(next)?.[1];
  if (!step || key === undefined) return undefined;
  const mapping = callAsMapping(step[2]!.trim());
  const keyNote = (STEP_KEYS as readonly string[]).includes(key)
    ? `step keys such as ${key}: need the mapping form`
    : `a call string is one value and cannot take '${key}:' under it`;
  return `${keyNote}: - ${mapping ?? 'conv2d: {filters: 8, kernel_size: 3}'} with ${key}: on the next line, aligned under the kind`;
}

/** `Conv2D(8, 3, padding='same')` → `Conv2D: {filters: 8, kernel_size: 3, padding: same}` where every argument is simple. */
function callAsMapping(text: string): string | undefined {
  const parsed = parseCallStep(text).value;
  const kind = parsed ? lookupKind(parsed.callee) : undefined;
  if (!parsed || !kind) return undefined;
  const source = (e: { start: number; end: number }): string =>
    text
      .slice(e.start, e.end)
      .replace(/^\((.*)\)$/, '[$1]')
      .replace(/^'(.*)'$/, '$1');
  const args = parsed.args.map((e, i) => `${kind.positional[i] ?? '?'}: ${source(e)}`);
  for (const kw of parsed.kwargs) args.push(`${kw.name}: ${source(kw.value)}`);
  return `${parsed.callee}: {${args.join(', ')}}`;
}

/**
 * `inputs: [dec_in, enc[1]]`: inside a YAML `[ ]` list the `[` of an output subscript opens another
 * list, so YAML stops right after the name. Say to quote it (or use a block list).
 */
function outputSubscriptHelp(text: string, offset: number): string | undefined {
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  const name = /([A-Za-z_][\w.]*)$/.exec(before)?.[1];
  const after = /^\[-?\d+\]/.exec(text.slice(offset))?.[0];
  if (!name || !after || !before.includes('[')) return undefined;
  return `an output reference inside a [ ] list must be quoted: '${name}${after}' (or write the list one item per line: - ${name}${after})`;
}
