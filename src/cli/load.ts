// The spec argument every command takes: a file, `-` for stdin, or a Keras call string; plus the
// shared --input and --set flags. Prints diagnostics and returns an exit code when it fails.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { analyzeCallString, analyzeFile, analyzeText, type AnalyzeOptions, type AnalyzeResult } from '../ir/analyze.js';
import type { IRGraph } from '../ir/types.js';
import type { Shape } from '../layers/types.js';
import { EXIT_INVALID, UsageError, type CliIO, type Command, type OptionValues } from './command.js';

export const specOptions: Command['options'] = {
  input: { type: 'string', short: 'i' },
  set: { type: 'string', multiple: true, short: 's' },
};

export const SPEC_USAGE = '<spec.yaml | - | "Conv2D(...)"> [--input 128,128,1] [--set name=value]...';

/** `128,128,1` → [128, 128, 1]; `None` or `?` for an unknown size. */
export function parseInputShape(text: string): Shape {
  const parts = text.replace(/[()[\]\s]/g, '').split(/[,x×]/).filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError(`--input expects a shape like 128,128,1, got '${text}'`);
  return parts.map((p) => {
    if (/^(none|null|\?)$/i.test(p)) return null;
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--input: '${p}' is not a positive integer (use None for any size)`);
    return n;
  });
}

export function parseSets(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects name=value, got '${item}'`);
    Object.defineProperty(out, item.slice(0, eq).trim(), { value: item.slice(eq + 1).trim(), enumerable: true });
  }
  return out;
}

const CALL_LIKE = /^\s*[A-Za-z_][\w.]*\s*(\(.*\))?\s*$/s;

/** Analyses the spec argument; returns the result or throws UsageError for a bad argument. */
export async function analyzeSpecArg(specArg: string, values: OptionValues, io: CliIO): Promise<AnalyzeResult> {
  const options: AnalyzeOptions = { set: parseSets(values.set as string[] | undefined) };
  if (typeof values.input === 'string') options.input = parseInputShape(values.input);
  if (specArg === '-') return analyzeText(await io.readStdin(), { ...options, file: '<stdin>' });
  const path = resolve(io.cwd, specArg);
  if (existsSync(path)) return analyzeFile(path, { ...options, file: specArg });
  if (/\.ya?ml$/i.test(specArg)) throw new UsageError(`${specArg}: no such file`);
  if (CALL_LIKE.test(specArg)) {
    if (!options.input) throw new UsageError('a call string needs an input shape: add --input, e.g. --input 128,128,1');
    return analyzeCallString(specArg, options);
  }
  throw new UsageError(`${specArg}: no such file, and not a layer call like "Conv2D(32, 3)"`);
}

export function printDiagnostics(result: AnalyzeResult, io: CliIO): void {
  for (const d of result.diagnostics) io.stderr(formatDiagnostic(d, result.sources.sourceText(d.file)) + '\n');
  const errors = result.diagnostics.filter((d: Diagnostic) => d.severity === 'error').length;
  if (errors > 0) io.stderr(`${errors} error${errors === 1 ? '' : 's'}\n`);
}

/** The graph, or the exit code after printing what went wrong. */
export async function loadGraph(specArg: string | undefined, values: OptionValues, io: CliIO): Promise<IRGraph | number> {
  if (specArg === undefined) throw new UsageError('missing the spec argument');
  const result = await analyzeSpecArg(specArg, values, io);
  printDiagnostics(result, io);
  if (!result.graph || result.diagnostics.some((d) => d.severity === 'error')) return EXIT_INVALID;
  return result.graph;
}
