// `expect:` — figures a step or the whole model must have; a mismatch is a diagnostic at the
// expected value, which is how students self-check homework settings. Each mismatch is also kept
// on the graph (IRGraph.expectFailures) so reports can show the table with the row marked.
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { formatCount, formatTuple, groupDigits, numberText } from '../format/format.js';
import { mapGet, type Located, type LocatedScalar } from '../spec/yaml-tree.js';
import { totals } from './graph.js';
import type { ExpectFailure, IRNode } from './types.js';

const FIGURE_LABELS: Record<string, string> = {
  params: 'params',
  total_params: 'params',
  trainable_params: 'trainable params',
  non_trainable_params: 'non-trainable params',
  macs: 'MACs',
  output_shape: 'output shape',
};

/** One failed figure as every report marks it: `✗ expected params 2,000, got 2,312`. */
export function failureMark(f: ExpectFailure): string {
  return `✗ expected ${f.figure} ${f.expected}, got ${f.actual}`;
}

/**
 * Checks `expect` against `nodes` (everything the step, or the model, created). `step` is true for
 * a step's own expect:, which names the step in the message; false for the model's.
 */
export function checkExpect(
  expect: Located,
  nodes: readonly IRNode[],
  output: IRNode | undefined,
  bag: DiagnosticBag,
  failures: ExpectFailure[],
  step: boolean,
): void {
  const sum = totals(nodes);
  const counts: Record<string, number> = {
    params: sum.params,
    total_params: sum.params,
    trainable_params: sum.trainable,
    non_trainable_params: sum.nonTrainable,
    macs: sum.macs,
  };
  const subject = step ? stepName(nodes, output) : undefined;
  // A step's figures are the step's, not the network's: say which step — by its name inside its
  // block, so the same mismatch in every use of a block is one message ("in 3 uses of block X").
  const who = subject === undefined ? 'the network' : `step '${subject.slice(subject.lastIndexOf('.') + 1)}'`;
  for (const [figure, actual] of Object.entries(counts)) {
    const node = mapGet(expect, figure);
    if (node?.kind !== 'scalar' || node.value === null) continue;
    const expected = expectedValue(node, bag);
    if (expected.value !== actual) {
      const label = FIGURE_LABELS[figure]!;
      bag.error('expect', `expected ${label} ${expected.text}, but ${who} has ${formatCount(actual)}`, node.at);
      failures.push({ ...(subject === undefined ? {} : { step: subject }), figure: label, expected: expected.text, actual: formatCount(actual) });
    }
  }
  const shapeNode = mapGet(expect, 'output_shape');
  if (shapeNode?.kind === 'seq' && output) {
    const expected = shapeNode.items.map((i) => (i.kind === 'scalar' ? expectedValue(i, bag) : { value: undefined, text: '?' }));
    const same = expected.length === output.outputShape.length && expected.every((d, i) => d.value === output.outputShape[i]);
    if (!same) {
      const text = `(${expected.map((d) => (d.value === null ? 'None' : d.text.replace(/,/g, ''))).join(', ')}${expected.length === 1 ? ',' : ''})`;
      bag.error(
        'expect',
        `expected output shape ${text}, but ${who} gives ${formatTuple(output.outputShape)}${subject === undefined ? ` (from ${output.name})` : ''}`,
        shapeNode.at,
      );
      failures.push({ step: subject ?? output.name, figure: 'output shape', expected: text, actual: formatTuple(output.outputShape) });
    }
  }
}

/** The step's name as reports show it: its only layer, else the innermost group holding all its layers. */
function stepName(nodes: readonly IRNode[], output: IRNode | undefined): string | undefined {
  if (nodes.length === 1) return nodes[0]!.name;
  let common = nodes[0]?.groupPath ?? [];
  for (const n of nodes) common = common.filter((id, i) => n.groupPath[i] === id);
  return common[common.length - 1] ?? output?.name;
}

/**
 * An expected figure as written. YAML reads 9007199254740993 as the double …992, so an integer
 * beyond 2^53 − 1 is taken from the source text, exactly: it can never equal one of netspec's
 * figures (those are exact and within the range), and the message shows it as the user wrote it.
 */
function expectedValue(node: LocatedScalar, bag: DiagnosticBag): { value: unknown; text: string } {
  const value = node.value;
  if (typeof value !== 'number') return { value, text: String(value) };
  if (Number.isSafeInteger(value)) return { value, text: formatCount(value) };
  const written = bag.sourceText(node.at.file)?.slice(node.at.start, node.at.end).trim() ?? '';
  const digits = /^[-+]?\d+$/.test(written) ? written.replace(/^\+/, '') : numberText(value);
  const text = /^-?\d+$/.test(digits) ? groupDigits(digits) : digits;
  // Not a number any figure can have: keeps the comparison from matching a rounded double.
  return { value: { beyondExactRange: digits }, text };
}
