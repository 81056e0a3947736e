// The chain fast path: which models it takes (a chain of top-level boxes, each fed by the one before)
// and the geometry it promises — boxes one after another on one axis, the chain's edges straight,
// every longer edge in a lane beside the chain, crossing no box and no other lane edge.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';
import { chainLayout } from '../../src/render/chain-layout.js';
import { polylineCrossesBox } from '../../src/render/geometry.js';
import type { GraphLayout } from '../../src/render/graph-layout.js';
import { buildDiagramModel, type DiagramModel } from '../../src/render/model.js';
import type { Direction, Point } from '../../src/render/types.js';

async function model(spec: string, depth: number): Promise<DiagramModel> {
  const path = join(process.cwd(), spec);
  const result = await analyzeFile(path, { file: path });
  return buildDiagramModel(result.graph!, depth);
}

const horizontalOrVertical = (points: Point[]) => points.slice(1).every((p, i) => p.x === points[i]!.x || p.y === points[i]!.y);

function crossings(a: Point[], b: Point[]): number {
  let n = 0;
  for (let i = 1; i < a.length; i++) {
    for (let j = 1; j < b.length; j++) {
      const [p, q, r, s] = [a[i - 1]!, a[i]!, b[j - 1]!, b[j]!];
      const h1 = p.y === q.y;
      const h2 = r.y === s.y;
      if (h1 === h2) continue;
      const [h, v] = h1
        ? [
            [p, q],
            [r, s],
          ]
        : [
            [r, s],
            [p, q],
          ];
      const x = v[0]!.x;
      const y = h[0]!.y;
      const inside = (t: number, u: number, w: number) => t > Math.min(u, w) + 0.5 && t < Math.max(u, w) - 0.5;
      if (inside(x, h[0]!.x, h[1]!.x) && inside(y, v[0]!.y, v[1]!.y)) n++;
    }
  }
  return n;
}

function soundness(layout: GraphLayout): string[] {
  const problems: string[] = [];
  const boxes = layout.items;
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) problems.push(`${a.item.id} overlaps ${b.item.id}`);
    }),
  );
  for (const edge of layout.edges) {
    if (!horizontalOrVertical(edge.points)) problems.push(`${edge.edge.source}→${edge.edge.target} is not orthogonal`);
    for (const box of boxes) {
      if (box.item.id === edge.edge.source || box.item.id === edge.edge.target) continue;
      if (polylineCrossesBox(edge.points, box)) problems.push(`${edge.edge.source}→${edge.edge.target} crosses ${box.item.id}`);
    }
    for (const box of boxes) {
      const l = edge.label;
      if (l.text !== '' && l.x < box.x + box.width && box.x < l.x + l.width && l.y < box.y + box.height && box.y < l.y + l.height)
        problems.push(`label ${l.text} on ${box.item.id}`);
    }
  }
  const inside = (p: Point) => p.x >= 0 && p.y >= 0 && p.x <= layout.width && p.y <= layout.height;
  if (!boxes.every((b) => inside(b) && inside({ x: b.x + b.width, y: b.y + b.height }))) problems.push('a box outside the drawing');
  return problems;
}

describe('chainLayout', () => {
  it.each<[string, number, Direction]>([
    ['specs/nasnet_mobile.yaml', 0, 'TB'],
    ['specs/nasnet_mobile.yaml', 0, 'LR'],
    ['specs/nasnet_large.yaml', 0, 'TB'],
    ['specs/inception_resnet_v2.yaml', 0, 'LR'],
    ['specs/vgg16.yaml', 0, 'TB'],
    ['specs/resnet50.yaml', 2, 'TB'],
    ['specs/efficientnet_b3.yaml', 2, 'LR'],
  ])('%s at depth %i, %s: sound, lane edges never crossing each other', async (spec, depth, direction) => {
    const m = await model(spec, depth);
    const layout = chainLayout(m, direction);
    expect(layout).not.toBeNull();
    expect(soundness(layout!)).toEqual([]);
    const lanes = layout!.edges.filter((e) => e.points.length > 2);
    let crossed = 0;
    lanes.forEach((a, i) => lanes.slice(i + 1).forEach((b) => (crossed += crossings(a.points, b.points))));
    expect(crossed).toBe(0);
  });

  it('stage frames around their runs of blocks, no box outside its frame, frames apart', async () => {
    const layout = chainLayout(await model('specs/resnet50.yaml', 2), 'TB')!;
    expect(layout.groups.map((g) => g.group.title)).toEqual(['conv2 · stage', 'conv3 · stage', 'conv4 · stage', 'conv5 · stage']);
    for (const frame of layout.groups) {
      for (const box of layout.items.filter((p) => p.item.parent === frame.group.id)) {
        expect(box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height).toBe(true);
      }
    }
    layout.groups.slice(1).forEach((frame, k) => expect(frame.y).toBeGreaterThan(layout.groups[k]!.y + layout.groups[k]!.height));
  });

  it("NASNet's cells: each cell fed by the previous one straight, by the one before that in a lane on alternating sides", async () => {
    const m = await model('specs/nasnet_mobile.yaml', 0);
    const layout = chainLayout(m, 'TB')!;
    const axis = layout.items[0]!.x + (layout.items[0]!.width - (layout.items[0]!.cardRoom ?? 0)) / 2;
    const straight = layout.edges.filter((e) => e.points.length === 2);
    expect(straight.every((e) => e.points[0]!.x === axis && e.points[1]!.x === axis)).toBe(true);
    const sides = new Set(layout.edges.filter((e) => e.points.length > 2).map((e) => Math.sign(e.points[1]!.x - axis)));
    expect([...sides].sort()).toEqual([-1, 1]);
  });

  it.each([
    ['specs/detector.yaml', 0, 'two heads side by side'],
    ['specs/inception_v3.yaml', Number.POSITIVE_INFINITY, 'open groups'],
    ['specs/resnet50.yaml', Number.POSITIVE_INFINITY, 'blocks open inside stages'],
  ])('%s at depth %i (%s) is left to elkjs', async (spec, depth) => {
    expect(chainLayout(await model(spec, depth), 'TB')).toBeNull();
  });
});
