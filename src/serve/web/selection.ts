// Linking the three views of one layer: its YAML source range, its diagram box, its table row.
import type { SourceRef } from '../../diagnostics/diagnostic.js';
import type { IRGraph } from '../../ir/types.js';

export interface Selected {
  /** Table rows (layer names). */
  rows: Set<string>;
  /** Diagram boxes: layer names and their groups (a collapsed group is one box). */
  boxes: Set<string>;
  /** Source to highlight in the editor, when it is in the edited file. */
  source?: { start: number; end: number };
}

function inFile(source: SourceRef, file: string): source is SourceRef & { start: number; end: number } {
  return source.file === file && source.start !== undefined && source.end !== undefined;
}

/** A diagram box or table row was picked: a layer name, or a collapsed group's id. */
export function selectById(graph: IRGraph, id: string, file: string): Selected {
  const node = graph.nodes.find((n) => n.name === id);
  if (node) {
    return {
      rows: new Set([id]),
      boxes: new Set([id, ...node.groupPath]),
      ...(inFile(node.source, file) ? { source: { start: node.source.start, end: node.source.end } } : {}),
    };
  }
  const group = graph.groups.find((g) => g.id === id);
  if (!group) return { rows: new Set(), boxes: new Set() };
  // A group's source is its whole step; the first line names it.
  const source = inFile(group.source, file) ? { start: group.source.start, end: group.source.start + 1 } : undefined;
  return { rows: new Set(group.nodes), boxes: new Set([id]), ...(source ? { source } : {}) };
}

/** The cursor is at `offset`: the layers whose step most tightly contains it (all repeats of it). */
export function selectAtOffset(graph: IRGraph, offset: number, file: string): Selected {
  let best = Number.POSITIVE_INFINITY;
  let picked: typeof graph.nodes = [];
  for (const node of graph.nodes) {
    const s = node.source;
    if (!inFile(s, file) || offset < s.start || offset > s.end) continue;
    const span = s.end - s.start;
    if (span < best) {
      best = span;
      picked = [node];
    } else if (span === best) picked.push(node);
  }
  const first = picked[0];
  if (!first || !inFile(first.source, file)) return { rows: new Set(), boxes: new Set() };
  const boxes = new Set<string>();
  for (const node of picked) for (const id of [node.name, ...node.groupPath]) boxes.add(id);
  return { rows: new Set(picked.map((n) => n.name)), boxes, source: { start: first.source.start, end: first.source.end } };
}
