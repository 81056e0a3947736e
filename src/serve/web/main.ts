// The playground page: edit YAML on the left, see diagnostics, totals, the layer table and the
// diagram on the right. Everything runs here in the browser with the library's own code; the
// server only hands out files.
import { analyzeText } from '../../ir/analyze.js';
import type { IRGraph } from '../../ir/types.js';
import { renderDiagram } from '../../render/render.js';
import type { Direction, View } from '../../render/types.js';
import type { GalleryListing, SpecPayload } from '../protocol.js';
import { buildModel } from '../../render/model.js';
import { autoDepth, diagramKey } from './auto-depth.js';
import { DiagramView } from './diagram-view.js';
import { SpecEditor } from './editor.js';
import { exportModelFiles, exportPng, exportSvg, fileStem } from './export.js';
import { renderProblems } from './problems.js';
import { selectAtOffset, selectById, type Selected } from './selection.js';
import { fetchGallery, fetchGallerySpec, followServedSpec } from './sources.js';
import { renderTable, renderTotals, selectRows } from './summary-view.js';
import { Tooltip } from './tooltip.js';
import { UpdateTimer, type UpdateTiming } from './timing.js';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const state = {
  file: '/untitled.yaml',
  files: new Map<string, string>(),
  graph: undefined as IRGraph | undefined,
  svgText: '',
  view: 'graph' as View,
  direction: 'TB' as Direction,
  /** 'auto' collapses blocks of large models so the diagram stays readable (and quick to lay out). */
  depth: 'auto' as number | 'all' | 'auto',
  fitNext: true,
  servedName: undefined as string | undefined,
};

const timer = new UpdateTimer((timing) => publishTiming(timing));
const tableBody = byId<HTMLTableElement>('summary').tBodies[0]!;
const tooltip = new Tooltip(byId('tooltip'));
const editor = new SpecEditor(byId('editor'), {
  onChange: () => timer.edited(update),
  onCursor: (offset) => state.graph && applySelection(selectAtOffset(state.graph, offset, state.file), false),
});
const diagram = new DiagramView(byId('diagram'), byId('diagram-empty'), {
  onSelect: (id) => state.graph && applySelection(selectById(state.graph, id, state.file), true),
  onHover: (id, x, y) => state.graph && tooltip.show(state.graph, id, x, y),
  onLeave: () => tooltip.hide(),
});

/** One pass: analyse, then the editor marks, totals and table, then the diagram (asynchronous). */
async function update(mark: (phase: 'analysed' | 'table') => void): Promise<void> {
  const result = analyzeText(editor.text, { file: state.file, readFile: readKnownFile });
  mark('analysed');
  // A selection made before the edit may point at lines or layers that are no longer there.
  applySelection({ rows: new Set(), boxes: new Set() }, false);
  editor.showDiagnostics(result.diagnostics, state.file);
  renderProblems(byId('problems'), result.diagnostics, state.file, (offset) => editor.goTo(offset));
  state.graph = result.graph;
  const totals = byId('totals');
  totals.classList.toggle('stale', !result.graph);
  if (!result.graph) {
    diagram.markStale(result.diagnostics.length ? 'Fix the errors on the left to see the diagram.' : 'Write a spec on the left.');
    mark('table');
    return;
  }
  renderTotals(totals, result.graph);
  renderTable(tableBody, result.graph);
  mark('table');
  await drawDiagram(result.graph);
}

let drawnKey = '';

async function drawDiagram(graph: IRGraph): Promise<void> {
  const options = { view: state.view, direction: state.direction, ...depthOption(graph) };
  const key = diagramKey(buildModel(graph, options.depth), options);
  if (key === drawnKey && !state.fitNext) return diagram.show(undefined, false);
  state.svgText = await renderDiagram(graph, options);
  drawnKey = key;
  diagram.show(state.svgText, state.fitNext);
  state.fitNext = false;
}

function depthOption(graph: IRGraph): { depth?: number } {
  if (state.depth === 'all') return {};
  if (state.depth !== 'auto') return { depth: state.depth };
  const depth = autoDepth(graph);
  return depth === undefined ? {} : { depth };
}

function readKnownFile(path: string): string {
  const text = state.files.get(path);
  if (text === undefined) throw new Error(`${path} is not available here (extends works for gallery files and the served spec's own chain)`);
  return text;
}

function applySelection(selected: Selected, fromDiagram: boolean): void {
  diagram.select(selected.boxes, !fromDiagram);
  selectRows(tableBody, selected.rows, true);
  if (selected.source) editor.highlightRange(selected.source.start, selected.source.end, fromDiagram);
  else editor.clearHighlight();
}

function publishTiming(timing: UpdateTiming): void {
  window.netspec.timings.push(timing);
  document.body.dataset.version = String(timing.version);
  setStatus(`updated in ${Math.round(timing.total)} ms`);
}

function setStatus(text: string, error = false): void {
  const status = byId('status');
  status.textContent = text;
  status.classList.toggle('error', error);
}

function loadSpec(spec: SpecPayload): void {
  state.file = spec.file;
  state.files = new Map(Object.entries(spec.related));
  state.fitNext = true;
  editor.setText(spec.text);
}

async function setUpGallery(): Promise<void> {
  const select = byId<HTMLSelectElement>('gallery');
  let listing: GalleryListing;
  try {
    listing = await fetchGallery();
  } catch (err) {
    setStatus((err as Error).message, true);
    return;
  }
  const groups = new Map<string, string[]>();
  listing.items.forEach((item, index) => groups.set(item.group, [...(groups.get(item.group) ?? []), `<option value="${index}">${item.name}</option>`]));
  const served = listing.served ? `<option value="served">${listing.served.name} (on disk)</option>` : '';
  select.innerHTML = served + [...groups].map(([group, options]) => `<optgroup label="${group}">${options.join('')}</optgroup>`).join('');
  select.addEventListener('change', () => {
    if (select.value === 'served') return void followServed();
    const item = listing.items[Number(select.value)];
    if (item) void fetchGallerySpec(item).then(loadSpec, (err: Error) => setStatus(err.message, true));
  });
  if (listing.served) followServed();
  else if (listing.items.length) {
    select.value = String(Math.max(0, listing.items.findIndex((i) => i.group === 'specs')));
    select.dispatchEvent(new Event('change'));
  }
}

let stopFollowing: (() => void) | undefined;

function followServed(): void {
  stopFollowing?.();
  const follow = byId('follow');
  stopFollowing = followServedSpec(
    (spec) => {
      if (spec.error) setStatus(spec.error, true);
      else loadSpec(spec);
    },
    (connected) => {
      follow.hidden = false;
      follow.textContent = connected ? '● following the file on disk' : '○ reconnecting…';
    },
  );
  byId<HTMLSelectElement>('gallery').addEventListener('change', () => {
    stopFollowing?.();
    follow.hidden = true;
  }, { once: true });
}

function setUpToolbar(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    button.addEventListener('click', () => {
      state.view = button.dataset.view as View;
      document.querySelectorAll('[data-view]').forEach((b) => b.classList.toggle('active', b === button));
      redraw();
    });
  }
  byId<HTMLSelectElement>('depth').addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value;
    state.depth = value === 'auto' || value === 'all' ? value : Number(value);
    redraw();
  });
  const direction = byId<HTMLButtonElement>('direction');
  direction.addEventListener('click', () => {
    state.direction = state.direction === 'TB' ? 'LR' : 'TB';
    direction.textContent = state.direction === 'TB' ? '↓ TB' : '→ LR';
    redraw();
  });
  byId('fit').addEventListener('click', () => diagram.fit());
  const stem = () => fileStem(state.graph?.name ?? 'model');
  byId('export-svg').addEventListener('click', () => state.svgText && exportSvg(state.svgText, stem()));
  byId('export-png').addEventListener('click', () => state.svgText && runExport('PNG', () => exportPng(state.svgText, stem())));
  byId('export-model').addEventListener('click', () => state.graph && runExport('model.json', () => exportModelFiles(state.graph!)));
  tableBody.addEventListener('click', (event) => {
    const name = (event.target as Element).closest('tr')?.dataset.name;
    if (name && state.graph) applySelection(selectById(state.graph, name, state.file), true);
  });
}

function redraw(): void {
  state.fitNext = true;
  if (state.graph) void drawDiagram(state.graph);
}

async function runExport(what: string, run: () => Promise<void>): Promise<void> {
  const buttons = document.querySelectorAll<HTMLButtonElement>('.exports button');
  buttons.forEach((b) => (b.disabled = true));
  setStatus(`exporting ${what}…`);
  try {
    await run();
    setStatus(`exported ${what}`);
  } catch (err) {
    setStatus(`${what} export failed: ${(err as Error).message}`, true);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

declare global {
  interface Window {
    /** For the end-to-end tests: the timing of every update pass, and whether one is under way. */
    netspec: { timings: UpdateTiming[]; idle(): boolean };
  }
}

window.netspec = { timings: [], idle: () => timer.idle };
setUpToolbar();
void setUpGallery();
