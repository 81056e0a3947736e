// The playground page: edit YAML on the left, see diagnostics, totals, the layer table and the
// diagram on the right. Everything runs here in the browser with the library's own code; the
// server hands out files and saves the followed one.
import { analyzeText } from '../../ir/analyze.js';
import type { IRGraph } from '../../ir/types.js';
import { renderDiagram } from '../../render/render.js';
import type { DiagramOptions, Direction, View } from '../../render/types.js';
import type { GalleryListing, SpecPayload } from '../protocol.js';
import { buildDiagramModel } from '../../render/model.js';
import { autoDepth, diagramKey } from './auto-depth.js';
import { DiagramView } from './diagram-view.js';
import { SpecEditor } from './editor.js';
import { exportModelFiles, exportPng, exportSvg, fileStem } from './export.js';
import { renderProblems } from './problems.js';
import { selectAtOffset, selectById, type Selected } from './selection.js';
import { FollowedFile, type FollowedFileHost } from './followed-file.js';
import { readKnownFile } from './known-files.js';
import { fetchGallery, fetchGallerySpec } from './sources.js';
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
  /** `Draw alone`: the block drawn by itself (as `--block`), and the collapsed block last clicked. */
  block: undefined as string | undefined,
  picked: undefined as string | undefined,
  /** `extends` targets the server would not hand out, with the reason. */
  refused: new Map<string, string>(),
};

/** The file `netspec serve` follows, if any. */
let followed: FollowedFile | undefined;

const timer = new UpdateTimer((timing) => publishTiming(timing));
const tableBody = byId<HTMLTableElement>('summary').tBodies[0]!;
const tooltip = new Tooltip(byId('tooltip'));
const editor = new SpecEditor(byId('editor'), {
  onChange: () => {
    timer.edited(update);
    followed?.refresh();
  },
  onCursor: (offset) => state.graph && applySelection(selectAtOffset(state.graph, offset, state.file), false),
});
const diagram = new DiagramView(byId('diagram'), byId('diagram-empty'), {
  onSelect: (id) => {
    if (!state.graph) return;
    applySelection(selectById(state.graph, id, state.file), true);
    state.picked = state.graph.groups.some((g) => g.id === id) ? id : undefined;
    refreshDrawAlone();
  },
  onHover: (id, x, y) => state.graph && tooltip.show(state.graph, id, x, y),
  onLeave: () => tooltip.hide(),
});

/** One pass: analyse, then the editor marks, totals and table, then the diagram (asynchronous). */
async function update(mark: (phase: 'analysed' | 'table') => void): Promise<void> {
  const result = analyzeText(editor.text, { file: state.file, readFile: (path) => readKnownFile(state.files, state.refused, path) });
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
  if (state.block !== undefined && !graph.groups.some((g) => g.id === state.block)) {
    state.block = undefined;
    refreshDrawAlone();
  }
  const options: DiagramOptions = {
    view: state.view,
    direction: state.direction,
    ...(state.block !== undefined ? { block: state.block } : depthOption(graph)),
  };
  const key = diagramKey(buildDiagramModel(graph, options.depth), options);
  if (key === drawnKey && !state.fitNext) return diagram.show(undefined, false);
  state.svgText = await renderDiagram(graph, options);
  drawnKey = key;
  diagram.show(state.svgText, state.fitNext);
  state.fitNext = false;
}

/** The "draw alone" button: offered for a clicked collapsed block, and to go back to the whole network. */
function refreshDrawAlone(): void {
  const button = byId<HTMLButtonElement>('draw-alone');
  button.hidden = state.block === undefined && state.picked === undefined;
  button.textContent = state.block !== undefined ? 'Whole network' : `Draw ${state.picked ?? ''} alone`;
}

function depthOption(graph: IRGraph): { depth?: number } {
  if (state.depth === 'all') return {};
  if (state.depth !== 'auto') return { depth: state.depth };
  const depth = autoDepth(graph);
  return depth === undefined ? {} : { depth };
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

/** A gallery spec (read-only): replaces the editor's text; the followed file's text waits in its stash. */
function loadGallerySpec(spec: SpecPayload): void {
  state.file = spec.file;
  state.files = new Map(Object.entries(spec.related));
  state.refused = new Map();
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
  // File and folder names go in as text (an option's text, an optgroup's label), never as HTML.
  const options = document.createDocumentFragment();
  if (listing.served) options.append(new Option(`${listing.served.name} (on disk)`, 'served'));
  const groups = new Map<string, HTMLOptGroupElement>();
  listing.items.forEach((item, index) => {
    let group = groups.get(item.group);
    if (!group) {
      group = document.createElement('optgroup');
      group.label = item.group;
      groups.set(item.group, group);
      options.append(group);
    }
    group.append(new Option(item.name, String(index)));
  });
  select.replaceChildren(options);
  let picks = 0;
  select.addEventListener('change', () => {
    const pick = ++picks;
    if (select.value === 'served') return followed?.show();
    const item = listing.items[Number(select.value)];
    if (!item) return;
    followed?.hide();
    // Only the latest pick lands, and never over the followed file's text.
    void fetchGallerySpec(item).then(
      (spec) => pick === picks && !followed?.showing && loadGallerySpec(spec),
      (err: Error) => setStatus(err.message, true),
    );
  });
  if (listing.served) follow(listing.served.name);
  else if (listing.items.length) {
    select.value = String(
      Math.max(
        0,
        listing.items.findIndex((i) => i.group === 'specs'),
      ),
    );
    select.dispatchEvent(new Event('change'));
  }
}

const followedHost: FollowedFileHost = {
  editor,
  setStatus,
  useFiles: (file, related, refused) => {
    state.file = file;
    state.files = new Map(Object.entries(related));
    state.refused = new Map(Object.entries(refused));
  },
  fitNext: () => (state.fitNext = true),
  reanalyse: () => timer.edited(update),
};

function follow(name: string): void {
  followed = new FollowedFile(name, followedHost, { save: byId('save'), follow: byId('follow'), conflict: byId('conflict'), diff: byId('diff') });
  followed.start();
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
  byId('draw-alone').addEventListener('click', () => {
    state.block = state.block === undefined ? state.picked : undefined;
    state.picked = undefined;
    state.fitNext = true;
    refreshDrawAlone();
    redraw();
  });
  const save = (): void => (followed ? followed.save() : setStatus('this page follows no file; start it with `netspec serve spec.yaml` to save', true));
  byId('save').addEventListener('click', save);
  window.addEventListener(
    'keydown',
    (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        save();
      }
    },
    { capture: true },
  );
  // Closing or reloading the page with unsaved edits to the followed file asks first.
  window.addEventListener('beforeunload', (event) => {
    if (followed?.dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
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
    /** For the end-to-end tests: the timing of every update pass, whether one is under way, the editor's text. */
    netspec: { timings: UpdateTiming[]; idle(): boolean; text(): string };
  }
}

window.netspec = { timings: [], idle: () => timer.idle, text: () => editor.text };
setUpToolbar();
void setUpGallery();
