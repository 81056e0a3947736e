// The stack view's reading of the network as a series of columns and parallel sections: where the
// path splits, its branches, and where they merge again (the split's immediate post-dominator).
// Residual and dense shortcuts become arcs over the main path; Inception branches stack between
// split and merge; outputs with no merge (detection heads) stack at the end. Anything that is not a
// clean split-and-merge falls back to a plain sequence whose extra links are drawn as arcs.

export type Segment = ColumnSegment | ParallelSegment;

export interface ColumnSegment {
  kind: 'column';
  column: number;
}

export interface ParallelSegment {
  kind: 'parallel';
  /** The column whose output is shared (null: several network inputs). */
  split: number | null;
  /** The column that joins the branches (null: separate outputs, e.g. detection heads). */
  merge: number | null;
  /** Each branch's segments; an empty branch is an identity shortcut. */
  branches: Segment[][];
  /** `arc`: the main branch inline, the others (identity or a projection) on an arc above it. */
  style: 'arc' | 'stacked';
  /** For `arc`: the index of the branch drawn inline. */
  main: number;
}

export interface Link {
  source: number;
  target: number;
}

export interface Structure {
  segments: Segment[];
  /** Links the structure does not draw by itself (cross-branch or fallback), drawn as arcs. */
  extra: Link[];
}

class NotSeriesParallel extends Error {}

/** `isResidualMerge(c)`: the column adds a residual's shortcut back (its branches drawn as an arc). */
export function buildStructure(count: number, links: Link[], isResidualMerge: (column: number) => boolean): Structure {
  const EXIT = count;
  const succ: number[][] = Array.from({ length: count }, () => []);
  const pred: number[][] = Array.from({ length: count }, () => []);
  for (const l of links) {
    if (!succ[l.source]!.includes(l.target)) succ[l.source]!.push(l.target);
    if (!pred[l.target]!.includes(l.source)) pred[l.target]!.push(l.source);
  }
  for (const s of succ) s.sort((a, b) => a - b);
  // Immediate post-dominators over the DAG (columns are in topological order; EXIT past the end).
  const ipdom = new Array<number>(count + 1).fill(EXIT);
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      if (a < b) a = ipdom[a]!;
      else b = ipdom[b]!;
    }
    return a;
  };
  for (let v = count - 1; v >= 0; v--) {
    const s = succ[v]!;
    ipdom[v] = s.length === 0 ? EXIT : s.reduce((acc, w) => intersect(acc, w));
  }

  const placed = new Set<number>();
  const drawn = new Set<string>();
  const draw = (a: number, b: number) => drawn.add(`${a}>${b}`);

  const parseSequence = (start: number, stop: number): Segment[] => {
    const out: Segment[] = [];
    let cur = start;
    let prev: number | null = null;
    while (cur !== stop && cur !== EXIT) {
      if (placed.has(cur)) throw new NotSeriesParallel();
      placed.add(cur);
      if (prev !== null) draw(prev, cur);
      out.push({ kind: 'column', column: cur });
      const next = succ[cur]!;
      if (next.length === 0) break;
      if (next.length === 1) {
        prev = cur;
        cur = next[0]!;
        continue;
      }
      const merge = ipdom[cur]!;
      out.push(parallel(cur, next, merge));
      prev = null;
      cur = merge;
    }
    return out;
  };

  const parallel = (split: number | null, starts: number[], merge: number): ParallelSegment => {
    // Branches that join before the merge (Inception-ResNet: three branches concatenated, then added
    // to the identity): those branches are a parallel section of their own, nested in one branch.
    const others = starts.filter((s) => s !== merge);
    const join = others.length >= 2 ? others.reduce((acc, w) => intersect(acc, w)) : merge;
    if (join !== merge && others.length < starts.length) {
      const inner: Segment[] = [parallel(split, others, join), ...parseSequence(join, merge)];
      const last = inner[inner.length - 1];
      if (last?.kind === 'column' && merge !== EXIT) draw(last.column, merge);
      if (split !== null) draw(split, merge);
      return { kind: 'parallel', split, merge: merge === EXIT ? null : merge, branches: [inner, []], style: 'arc', main: 0 };
    }
    const branches = starts.map((s) => {
      if (s === merge) {
        if (split !== null) draw(split, merge);
        return [];
      }
      if (split !== null) draw(split, s);
      const branch = parseSequence(s, merge);
      const last = branch[branch.length - 1];
      if (last?.kind === 'column' && merge !== EXIT) draw(last.column, merge);
      return branch;
    });
    const sizes = branches.map(countColumns);
    const identity = sizes.indexOf(0);
    const residual = merge !== EXIT && isResidualMerge(merge) && branches.length === 2;
    const arc = branches.length === 2 && merge !== EXIT && (identity >= 0 || residual);
    const main = arc ? (sizes[0]! >= sizes[1]! ? 0 : 1) : 0;
    return { kind: 'parallel', split, merge: merge === EXIT ? null : merge, branches, style: arc ? 'arc' : 'stacked', main };
  };

  let segments: Segment[];
  try {
    const sources = Array.from({ length: count }, (_, i) => i).filter((i) => pred[i]!.length === 0);
    if (sources.length <= 1) segments = count ? parseSequence(sources[0] ?? 0, EXIT) : [];
    else {
      // Several inputs: a virtual split before them.
      const merge = sources.map((s) => s).reduce((acc, w) => intersect(acc, w));
      segments = [parallel(null, sources, merge), ...(merge === EXIT ? [] : parseSequence(merge, EXIT))];
    }
    if (placed.size !== count) throw new NotSeriesParallel();
  } catch (err) {
    if (!(err instanceof NotSeriesParallel)) throw err;
    // Not a clean series-parallel graph (NASNet's cells, say): the columns in order, links as arcs.
    segments = Array.from({ length: count }, (_, i) => ({ kind: 'column', column: i }) as const);
    drawn.clear();
    for (let i = 0; i + 1 < count; i++) if (succ[i]!.includes(i + 1)) draw(i, i + 1);
  }
  const extra = links.filter((l, i) => !drawn.has(`${l.source}>${l.target}`) && links.findIndex((m) => m.source === l.source && m.target === l.target) === i);
  return { segments, extra };
}

export function countColumns(segments: Segment[]): number {
  return segments.reduce((n, s) => n + (s.kind === 'column' ? 1 : s.branches.reduce((m, b) => m + countColumns(b), 0)), 0);
}

/** Columns of a sequence in drawing order (depth-first). */
export function columnsOf(segments: Segment[]): number[] {
  return segments.flatMap((s) => (s.kind === 'column' ? [s.column] : s.branches.flatMap(columnsOf)));
}
