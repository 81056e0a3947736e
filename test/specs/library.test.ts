// The spec library against Keras: every specs/*.yaml must analyse cleanly (its expect: figures
// included); where a Keras oracle fixture exists (test/fixtures/keras/apps/<spec>.json, made by
// scripts/keras/apps_fixture.py) the totals, every weighted layer and every output shape must match.
// test/specs/allow/<spec>.json may list layer classes present on one side only, each with a reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/index.js';

interface FixtureLayer {
  name: string;
  class: string;
  output_shape: (number | null)[] | (number | null)[][];
  params: number;
  /** Names of the layers whose outputs this one reads. */
  inbound?: string[];
}
interface Fixture {
  total_params: number;
  trainable_params: number;
  non_trainable_params: number;
  layers: FixtureLayer[];
}
interface Allow {
  keras_only?: string[];
  /** A regular expression over Keras layer names, for nodes that are not layers in netspec. */
  keras_only_names?: string;
  netspec_only?: string[];
  reason: string;
}

const root = join(import.meta.dirname, '../..');
const specs = readdirSync(join(root, 'specs'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const readJson = <T>(path: string): T | undefined => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined);
const counted = (items: string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
};
/** The entries whose counts differ, as a readable list (empty when the multisets agree). */
function difference(ours: string[], theirs: string[]): string[] {
  const a = counted(ours);
  const b = counted(theirs);
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(k) ?? 0) !== (b.get(k) ?? 0)) out.push(`${k}: netspec ${a.get(k) ?? 0}, keras ${b.get(k) ?? 0}`);
  }
  return out.sort();
}

/** One layer of either side, for comparing wiring: its inputs by name. */
interface Wired {
  name: string;
  label: string;
  inputs: string[];
}

/**
 * Every layer that is not left out, with the layers it reads in order. Layers left out on one side
 * (`skip`) are contracted: their consumers read their inputs instead. A layer reading the same
 * producer twice counts it once (Keras's self-attention is MultiHeadAttention(x, x), netspec's one
 * input).
 */
function reads(layers: Wired[], skip: (l: Wired) => boolean): { label: string; sources: string[] }[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const sources = (name: string): Wired[] => {
    const l = byName.get(name);
    if (!l) throw new Error(`'${name}' is an input of a layer but not a layer itself`);
    return skip(l) ? l.inputs.flatMap(sources) : [l];
  };
  return layers.filter((l) => !skip(l)).map((l) => ({ label: l.label, sources: [...new Set(l.inputs.flatMap(sources))].map((s) => s.label) }));
}

/**
 * Every connection as "producer → consumer", each end named by class and output shape, as a
 * multiset: the layers' own names differ between Keras and netspec, the wiring must not.
 */
const edges = (layers: Wired[], skip: (l: Wired) => boolean): string[] => reads(layers, skip).flatMap((r) => r.sources.map((s) => `${s} → ${r.label}`));

/** Merges whose result does not depend on the order of their inputs. */
const ORDER_FREE = new Set(['Add', 'Multiply', 'Average', 'Maximum', 'Minimum']);

/**
 * Every layer reading several inputs where their order matters (Concatenate's channel order,
 * Subtract, attention's query and value), as "consumer ← first, second, …".
 */
const inputOrders = (layers: Wired[], skip: (l: Wired) => boolean): string[] =>
  reads(layers, skip)
    .filter((r) => r.sources.length > 1 && !ORDER_FREE.has(r.label.split(' ')[0]!))
    .map((r) => `${r.label} ← ${r.sources.join(', ')}`);

/** Specs with no Keras fixture, each with the reason; any other spec without one fails. */
const NO_FIXTURE: Record<string, string> = {};

describe.each(specs)('specs/%s', (file) => {
  const name = file.replace(/\.yaml$/, '');
  const result = analyzeFile(join(root, 'specs', file));
  const fixture = readJson<Fixture>(join(root, 'test/fixtures/keras/apps', `${name}.json`));
  const allow = readJson<Allow>(join(import.meta.dirname, 'allow', `${name}.json`)) ?? { reason: '' };

  it('analyses cleanly, including its expect: figures', () => {
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
    expect(readFileSync(join(root, 'specs', file), 'utf8')).toMatch(/^expect:/m);
  });

  it('has a Keras fixture (test/fixtures/keras/apps, from scripts/keras/apps_fixture.py)', () => {
    if (NO_FIXTURE[name]) return;
    expect(fixture, `no Keras fixture for specs/${file}: add it to scripts/keras/apps_fixture.py, or to NO_FIXTURE with the reason`).toBeDefined();
  });

  it.runIf(fixture)('has Keras totals', () => {
    const t = result.graph!.totals;
    expect({ total: t.params, trainable: t.trainable, nonTrainable: t.nonTrainable }).toEqual({
      total: fixture!.total_params,
      trainable: fixture!.trainable_params,
      nonTrainable: fixture!.non_trainable_params,
    });
  });

  it.runIf(fixture)('has every weighted layer of Keras (class, output shape, params)', () => {
    const ours = result
      .graph!.nodes.filter((n) => n.params.trainable + n.params.nonTrainable > 0)
      .map((n) => `${n.kind} ${JSON.stringify(n.outputShape)} ${n.params.trainable + n.params.nonTrainable}`);
    const theirs = fixture!.layers.filter((l) => l.params > 0).map((l) => `${l.class} ${JSON.stringify(l.output_shape)} ${l.params}`);
    expect(difference(ours, theirs)).toEqual([]);
  });

  it.runIf(fixture)('has Keras output shapes on every layer', () => {
    const skipOurs = new Set(['InputLayer', ...(allow.netspec_only ?? [])]);
    const skipTheirs = new Set(['InputLayer', ...(allow.keras_only ?? [])]);
    const ours = result.graph!.nodes.filter((n) => !skipOurs.has(n.kind)).map((n) => `${n.kind} ${JSON.stringify(n.outputShape)}`);
    const skipName = allow.keras_only_names ? new RegExp(allow.keras_only_names) : undefined;
    const theirs = fixture!.layers
      .filter((l) => !skipTheirs.has(l.class) && !skipName?.test(l.name))
      .map((l) => `${l.class} ${JSON.stringify(l.output_shape)}`);
    expect(difference(ours, theirs)).toEqual([]);
  });

  /** Both sides as wiring: netspec's nodes and the fixture's layers, with what each leaves out. */
  const wiring = () => {
    const skipOurs = new Set(allow.netspec_only ?? []);
    const skipTheirs = new Set(allow.keras_only ?? []);
    const skipName = allow.keras_only_names ? new RegExp(allow.keras_only_names) : undefined;
    return {
      ours: result.graph!.nodes.map((n) => ({ name: n.name, label: `${n.kind} ${JSON.stringify(n.outputShape)}`, inputs: n.inputs })),
      skipOurs: (l: Wired) => skipOurs.has(l.label.split(' ')[0]!),
      theirs: fixture!.layers.map((l) => ({ name: l.name, label: `${l.class} ${JSON.stringify(l.output_shape)}`, inputs: l.inbound! })),
      skipTheirs: (l: Wired) => skipTheirs.has(l.label.split(' ')[0]!) || Boolean(skipName?.test(l.name)),
    };
  };

  it.runIf(fixture)('is wired as Keras is (every connection, by class and output shape)', () => {
    const w = wiring();
    expect(difference(edges(w.ours, w.skipOurs), edges(w.theirs, w.skipTheirs))).toEqual([]);
  });

  it.runIf(fixture)("reads its inputs in Keras's order (concatenations, attention)", () => {
    const w = wiring();
    expect(difference(inputOrders(w.ours, w.skipOurs), inputOrders(w.theirs, w.skipTheirs))).toEqual([]);
  });
});
