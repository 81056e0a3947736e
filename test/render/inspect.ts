// Reads rendered SVG back for structural checks: elements by class, boxes, font sizes.
import { parseHTML } from 'linkedom';
import { textWidth } from '../../src/render/measure.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  what: string;
}

export function parseSvg(svg: string): Element {
  const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
  return document.querySelector('svg') as unknown as Element;
}

export function viewBox(root: Element): { width: number; height: number } {
  const [, , width, height] = root.getAttribute('viewBox')!.split(' ').map(Number);
  return { width: width!, height: height! };
}

const num = (el: Element, name: string) => Number(el.getAttribute(name) ?? 0);

/** The graph view's node boxes and edge-label boxes (all in the diagram group's coordinates). */
export function graphRects(root: Element): Rect[] {
  const rects: Rect[] = [];
  for (const rect of root.querySelectorAll('g.node rect.box')) {
    rects.push({
      x: num(rect, 'x'),
      y: num(rect, 'y'),
      width: num(rect, 'width'),
      height: num(rect, 'height'),
      what: `node ${rect.parentElement!.getAttribute('data-id')}`,
    });
  }
  for (const rect of root.querySelectorAll('g.edge-label rect')) {
    rects.push({
      x: num(rect, 'x'),
      y: num(rect, 'y'),
      width: num(rect, 'width'),
      height: num(rect, 'height'),
      what: `label ${rect.nextElementSibling!.textContent}`,
    });
  }
  return rects;
}

/** Every text's estimated box, from its anchor, size and the width table the renderer uses. */
export function textRects(root: Element, selector: string): Rect[] {
  return [...root.querySelectorAll(selector)].map((t) => {
    const size = num(t, 'font-size');
    const width = textWidth(t.textContent ?? '', size, t.getAttribute('font-weight') === 'bold');
    const anchor = t.getAttribute('text-anchor');
    const x = num(t, 'x') - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
    return { x, y: num(t, 'y') - size * 0.8, width, height: size, what: `text '${t.textContent}'` };
  });
}

export function overlaps(rects: Rect[], tolerance = 0.5): string[] {
  const found: string[] = [];
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      if (a.x + a.width - tolerance > b.x && b.x + b.width - tolerance > a.x && a.y + a.height - tolerance > b.y && b.y + b.height - tolerance > a.y) {
        found.push(`${a.what} overlaps ${b.what}`);
      }
    }
  }
  return found;
}

export function minFontSize(root: Element): number {
  return Math.min(...[...root.querySelectorAll('[font-size]')].map((el) => num(el, 'font-size')));
}
