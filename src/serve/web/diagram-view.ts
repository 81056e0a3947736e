// The diagram panel: the renderer's SVG inside a zoomable, pannable canvas (d3-zoom), with layer
// boxes that report clicks and hovers and can be marked as selected.
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Below this zoom, labels are unreadable: fit the width instead of the whole diagram. */
const MIN_READABLE_SCALE = 0.5;

export interface DiagramCallbacks {
  onSelect(id: string): void;
  onHover(id: string, x: number, y: number): void;
  onLeave(): void;
}

export class DiagramView {
  private readonly canvas: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private readonly zoomer: ZoomBehavior<SVGSVGElement, unknown>;
  private size = { width: 1, height: 1 };

  constructor(
    private readonly container: HTMLElement,
    private readonly empty: HTMLElement,
    callbacks: DiagramCallbacks,
  ) {
    this.canvas = document.createElementNS(SVG_NS, 'svg');
    this.canvas.setAttribute('class', 'canvas');
    this.viewport = document.createElementNS(SVG_NS, 'g');
    this.canvas.append(this.viewport);
    container.prepend(this.canvas);
    this.zoomer = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.05, 8])
      .on('zoom', (event: { transform: { toString(): string } }) => this.viewport.setAttribute('transform', event.transform.toString()));
    select(this.canvas).call(this.zoomer).on('dblclick.zoom', null);
    this.listen(callbacks);
  }

  private listen(callbacks: DiagramCallbacks): void {
    const nodeOf = (target: EventTarget | null): string | undefined => (target as Element | null)?.closest?.('.node')?.getAttribute('data-id') ?? undefined;
    this.canvas.addEventListener('click', (event) => {
      const id = nodeOf(event.target);
      if (id) callbacks.onSelect(id);
    });
    this.canvas.addEventListener('mousemove', (event) => {
      const id = nodeOf(event.target);
      if (id) callbacks.onHover(id, event.clientX, event.clientY);
      else callbacks.onLeave();
    });
    this.canvas.addEventListener('mouseleave', () => callbacks.onLeave());
  }

  /** Shows a rendered diagram (undefined: the current one, still valid); `fit` resets the zoom. */
  show(svgText: string | undefined, fit: boolean): void {
    this.container.classList.remove('stale');
    this.empty.hidden = true;
    if (svgText === undefined) return;
    const template = document.createElement('template');
    template.innerHTML = svgText;
    const svg = template.content.querySelector('svg');
    if (!svg) return;
    const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 1 1').split(/\s+/).map(Number);
    this.size = { width: width || 1, height: height || 1 };
    svg.setAttribute('width', String(this.size.width));
    svg.setAttribute('height', String(this.size.height));
    this.viewport.replaceChildren(svg);
    if (fit) this.fit();
  }

  /** Keeps the last diagram, dimmed, while the spec has errors. */
  markStale(message: string): void {
    this.container.classList.add('stale');
    if (!this.viewport.firstChild) this.showMessage(message);
  }

  showMessage(message: string): void {
    this.viewport.replaceChildren();
    this.empty.textContent = message;
    this.empty.hidden = false;
  }

  /** Whole diagram when it stays readable; otherwise fit its width (capped) from the top, to pan down. */
  fit(): void {
    const box = this.container.getBoundingClientRect();
    const all = Math.min(box.width / this.size.width, box.height / this.size.height) * 0.96;
    const scale = all >= MIN_READABLE_SCALE ? Math.min(all, 1.5) : Math.min((box.width / this.size.width) * 0.96, 0.8);
    const x = (box.width - this.size.width * scale) / 2;
    const y = all >= MIN_READABLE_SCALE ? (box.height - this.size.height * scale) / 2 : 8;
    select(this.canvas).call(this.zoomer.transform, zoomIdentity.translate(Math.max(x, 8), y).scale(scale));
  }

  /** Marks the boxes of `ids`; with `reveal`, pans so the first one is in view. */
  select(ids: Set<string>, reveal: boolean): void {
    let first: SVGGraphicsElement | undefined;
    for (const node of this.viewport.querySelectorAll<SVGGraphicsElement>('.node')) {
      const on = ids.has(node.getAttribute('data-id') ?? '');
      node.classList.toggle('selected', on);
      if (on && !first) first = node;
    }
    if (reveal && first) this.reveal(first);
  }

  /** Pans (keeping the zoom) so the element is centred, if it is outside the panel. */
  private reveal(element: SVGGraphicsElement): void {
    const panel = this.container.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    const inside = box.left >= panel.left && box.right <= panel.right && box.top >= panel.top && box.bottom <= panel.bottom;
    if (inside) return;
    const dx = panel.left + panel.width / 2 - (box.left + box.width / 2);
    const dy = panel.top + panel.height / 2 - (box.top + box.height / 2);
    select(this.canvas).call(this.zoomer.translateBy, dx / this.scale(), dy / this.scale());
  }

  private scale(): number {
    const match = /scale\(([^)]+)\)/.exec(this.viewport.getAttribute('transform') ?? '');
    return match ? Number(match[1]) : 1;
  }

  /** The diagram SVG as rendered (for export). */
  currentSvg(): SVGSVGElement | null {
    return this.viewport.querySelector('svg');
  }
}
