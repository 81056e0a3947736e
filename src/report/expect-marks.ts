// Failed `expect:` figures, marked where the numbers are: on the step's row of the summary table
// (or the collapsed group holding it) and on the model's totals, so the student sees the whole
// table and the mismatch together.
import { failureMark } from '../ir/expect.js';
import type { IRGraph } from '../ir/types.js';

export { failureMark };

/** Marks per summary row name; a step hidden inside a collapsed group marks the group's row. */
export function rowMarks(graph: IRGraph, rowNames: readonly string[]): Map<string, string[]> {
  const marks = new Map<string, string[]>();
  for (const f of graph.expectFailures ?? []) {
    if (f.step === undefined) continue;
    const row = rowNames.includes(f.step) ? f.step : rowNames.find((name) => containsStep(graph, name, f.step!));
    if (row === undefined) continue;
    marks.set(row, [...(marks.get(row) ?? []), failureMark(f)]);
  }
  return marks;
}

function containsStep(graph: IRGraph, groupId: string, step: string): boolean {
  const group = graph.groups.find((g) => g.id === groupId);
  return group !== undefined && (group.nodes.includes(step) || graph.groups.some((g) => g.id === step && g.parent !== null && isInside(graph, g.id, groupId)));
}

function isInside(graph: IRGraph, id: string, ancestor: string): boolean {
  for (let g = graph.groups.find((x) => x.id === id); g; g = graph.groups.find((x) => x.id === g!.parent)) if (g.id === ancestor) return true;
  return false;
}

/** Marks for the model's own expect:, keyed by the totals line they belong on. */
export function totalsMarks(graph: IRGraph): Map<'params' | 'trainable' | 'nonTrainable' | 'macs', string[]> {
  const keys = { params: 'params', 'trainable params': 'trainable', 'non-trainable params': 'nonTrainable', MACs: 'macs' } as const;
  const marks = new Map<'params' | 'trainable' | 'nonTrainable' | 'macs', string[]>();
  for (const f of graph.expectFailures ?? []) {
    if (f.step !== undefined) continue;
    const key = keys[f.figure as keyof typeof keys];
    if (key) marks.set(key, [...(marks.get(key) ?? []), failureMark(f)]);
  }
  return marks;
}

/** Marks per node name, for explain: a group's step marks the group's last node. */
export function nodeMarks(graph: IRGraph): Map<string, string[]> {
  const marks = new Map<string, string[]>();
  for (const f of graph.expectFailures ?? []) {
    if (f.step === undefined) continue;
    const node = graph.nodes.some((n) => n.name === f.step) ? f.step : graph.groups.find((g) => g.id === f.step)?.nodes.at(-1);
    if (node !== undefined) marks.set(node, [...(marks.get(node) ?? []), failureMark(f)]);
  }
  return marks;
}

/** Marks for the model's own expect: figures, one line each. */
export function modelMarks(graph: IRGraph): string[] {
  return (graph.expectFailures ?? []).filter((f) => f.step === undefined).map(failureMark);
}
