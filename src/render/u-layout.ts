// The U layout for encoder–decoder networks (U-Net, 3D U-Net, convolutional autoencoders): the
// contracting path goes down one row per halving of the resolution, the bottleneck sits at the
// bottom, the expanding path comes back up, and each skip between equal resolutions runs across
// over the boxes between its ends. Shared by both views: they hand in box sizes and anchor points.
import type { Point } from './types.js';

export interface ULink {
  source: number;
  target: number;
}

export interface UBox {
  width: number;
  /** Extent above and below the box's centre line (labels included). */
  up: number;
  down: number;
}

export interface UAnchors {
  top: Point;
  left: Point;
  right: Point;
}

export interface URoute {
  source: number;
  target: number;
  kind: 'main' | 'skip';
  points: Point[];
}

export interface UPlacement {
  left: number[];
  cy: number[];
  width: number;
  height: number;
}

/**
 * Resolution level of each item (0 = full resolution, one more per halving; items without a spatial
 * size between the halves sit one below the deepest), or null when the network is no
 * encoder–decoder: neither a long skip between equal resolutions with a lower one in between, nor
 * an hourglass (down two halvings or more and back up as far).
 */
export function uLevels(spatial: (number | null)[], links: ULink[]): number[] | null {
  const known = spatial.filter((s): s is number => s !== null && s > 0);
  if (known.length < 3) return null;
  const isU = links.some(({ source, target }) => {
    const a = spatial[source];
    if (target <= source + 1 || a == null || spatial[target] !== a) return false;
    const between = spatial.slice(source + 1, target).filter((s): s is number => s !== null);
    return between.length > 0 && Math.min(...between) < a;
  });
  const top = Math.max(...known);
  const levels = spatial.map((s) => (s === null || s <= 0 ? null : Math.max(0, Math.round(Math.log2(top / s)))));
  const deepest = Math.max(...levels.filter((l): l is number => l !== null));
  // Without skips, an hourglass is an encoder–decoder too (an autoencoder): the resolution falls by
  // two halvings or more and comes back up as far.
  const first = levels.indexOf(deepest);
  const last = levels.lastIndexOf(deepest);
  const shallowest = (part: (number | null)[]) => Math.min(Number.POSITIVE_INFINITY, ...part.filter((l): l is number => l !== null));
  const hourglass = deepest >= 2 && shallowest(levels.slice(0, first)) <= deepest - 2 && shallowest(levels.slice(last + 1)) <= deepest - 2;
  if (!isU && !hourglass) return null;
  // A vector between the halves (an autoencoder's code) is the bottom of the U; the input and any
  // head without a spatial size stay with their neighbours.
  return levels.map((l, i) => {
    if (l !== null) return l;
    const before = levels.slice(0, i).some((x) => x !== null);
    const after = levels.slice(i + 1).some((x) => x !== null);
    return before && after
      ? deepest + 1
      : (levels
          .slice(0, i)
          .reverse()
          .find((x) => x !== null) ??
          levels.find((x) => x !== null) ??
          0);
  });
}

/** Rows by level, boxes left to right in order; each row's top lower than the one above. */
export function placeU(boxes: UBox[], levels: number[], gap: number, laneRoom = 30): UPlacement {
  const depth = Math.max(0, ...levels) + 1;
  const rowUp = Array.from({ length: depth }, (_, l) => Math.max(0, ...boxes.filter((_, i) => levels[i] === l).map((b) => b.up)));
  const rowDown = Array.from({ length: depth }, (_, l) => Math.max(0, ...boxes.filter((_, i) => levels[i] === l).map((b) => b.down)));
  const cyOf: number[] = [];
  let top = laneRoom;
  for (let l = 0; l < depth; l++) {
    cyOf.push(top + rowUp[l]!);
    // The next row's boxes start below this row's box tops by half its height at least, and below
    // its labels' first lines where they could meet (the rows share no x range except at the turn).
    top += Math.max(52, (rowUp[l]! + rowDown[l]!) * 0.6);
  }
  const left: number[] = [];
  let x = 0;
  boxes.forEach((b) => {
    left.push(x);
    x += b.width + gap;
  });
  const cy = levels.map((l) => cyOf[l]!);
  const height = Math.max(...boxes.map((b, i) => cy[i]! + b.down));
  return { left, cy, width: x - gap, height };
}

/**
 * Routes once the boxes are placed: the next box along the path gets an arrow (a step down or up
 * between rows); every other link runs over the boxes between its ends, one lane per overlap.
 */
export function routeU(count: number, links: ULink[], anchors: (i: number) => UAnchors, topOf: (i: number) => number): URoute[] {
  const routes: URoute[] = [];
  const lanes: { y: number; from: number; to: number }[] = [];
  const sorted = [...links].sort((a, b) => a.target - a.source - (b.target - b.source) || a.source - b.source);
  for (const { source, target } of sorted) {
    const a = anchors(source);
    const b = anchors(target);
    if (target === source + 1) {
      const from = a.right;
      const to = b.left;
      const mid = (from.x + to.x) / 2;
      routes.push({
        source,
        target,
        kind: 'main',
        points: Math.abs(from.y - to.y) < 0.5 ? [from, to] : [from, { x: mid, y: from.y }, { x: mid, y: to.y }, to],
      });
      continue;
    }
    let y = Math.min(...Array.from({ length: target - source + 1 }, (_, k) => topOf(source + k))) - 12;
    while (lanes.some((l) => Math.abs(l.y - y) < 7 && l.from <= b.top.x && a.top.x <= l.to)) y -= 8;
    lanes.push({ y, from: a.top.x, to: b.top.x });
    routes.push({ source, target, kind: 'skip', points: [a.top, { x: a.top.x, y }, { x: b.top.x, y }, b.top] });
  }
  return routes.sort((p, q) => p.source - q.source || p.target - q.target);
}
