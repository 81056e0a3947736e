// The spec argument every command takes: a file, `-` for stdin, or a Keras call string; plus the
// shared --input and --set flags. Prints diagnostics and returns an exit code when it fails.
import { resolve } from 'node:path';
import { DiagnosticBag, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { InputFileError } from '../io/read-file.js';
import { importIfSavedModel, noticeAt, type ImportedSpec } from '../keras/import-file.js';
import { analyzeCallString, analyzeText, type AnalyzeOptions, type AnalyzeResult } from '../ir/analyze.js';
import { readSpecFile } from '../spec/load.js';
import type { IRGraph } from '../ir/types.js';
import { MAX_EXACT_TEXT } from '../format/format.js';
import type { Shape } from '../layers/types.js';
import { analyzePython } from './load-python.js';
import { EXIT_INVALID, UsageError, type CliIO, type Command, type OptionValues } from './command.js';

export const specOptions: Command['options'] = {
  input: { type: 'string', short: 'i' },
  set: { type: 'string', multiple: true, short: 's' },
};

export const SPEC_USAGE = '<spec.yaml | - | "Conv2D(...)"> [--input 128,128,1] [--set name=value]...';

/** `128,128,1` → [128, 128, 1]; `None` or `?` for an unknown size. */
export function parseInputShape(text: string): Shape {
  const parts = text
    .replace(/[()[\]\s]/g, '')
    .split(/[,x×]/)
    .filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError(`--input expects a shape like 128,128,1, got '${text}'`);
  return parts.map((p) => {
    if (/^(none|null|\?)$/i.test(p)) return null;
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--input: '${p}' is not a positive integer (use None for any size)`);
    if (!Number.isSafeInteger(n))
      throw new UsageError(`--input: '${p}' is beyond the exact integer range (netspec computes exactly up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT})`);
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

const PYTHON_FILE = /\.py$/i;
const CALL_LIKE = /^\s*[A-Za-z_][\w.]*\s*(\(.*\))?\s*$/s;

/** Analyses the spec argument; returns the result or throws UsageError for a bad argument. */
export async function analyzeSpecArg(specArg: string, values: OptionValues, io: CliIO): Promise<AnalyzeResult> {
  const options: AnalyzeOptions = { set: parseSets(values.set as string[] | undefined) };
  if (typeof values.input === 'string') options.input = parseInputShape(values.input);
  if (specArg === '-') {
    let text: string;
    try {
      text = await io.readStdin();
    } catch (err) {
      if (err instanceof InputFileError) return fileProblem('<stdin>', err.message);
      throw err;
    }
    return analyzeText(text, { ...options, file: '<stdin>' });
  }
  const saved = analyzeSavedModel(resolve(io.cwd, specArg), specArg, options);
  if (saved) return saved;
  const text = readSpecArg(resolve(io.cwd, specArg), specArg);
  if (typeof text === 'string' && PYTHON_FILE.test(specArg)) return analyzePython(text, specArg, options);
  if (typeof text === 'string') return analyzeText(text, { ...options, file: specArg });
  if (text !== undefined) return text;
  if (/\.ya?ml$/i.test(specArg) || PYTHON_FILE.test(specArg)) throw new UsageError(`${specArg}: no such file`);
  if (CALL_LIKE.test(specArg)) {
    if (!options.input) throw new UsageError('a call string needs an input shape: add --input, e.g. --input 128,128,1');
    return analyzeCallString(specArg, options);
  }
  throw new UsageError(`${specArg}: no such file, and not a layer call like "Conv2D(32, 3)"`);
}

/**
 * A saved Keras model (`.keras`, or Keras JSON in a `.json` file) analysed as the spec `netspec
 * import` writes for it; what the user must check comes as warnings. Undefined for other files.
 */
function analyzeSavedModel(path: string, label: string, options: AnalyzeOptions): AnalyzeResult | undefined {
  let imported: ImportedSpec | undefined;
  try {
    imported = importIfSavedModel(path, label);
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    const bag = new DiagnosticBag();
    bag.fromError(err, { file: label });
    return { diagnostics: bag.items, sources: bag };
  }
  if (!imported) return undefined;
  const specFile = `${label} (as imported)`;
  const result = analyzeText(imported.text, { ...options, file: specFile });
  for (const notice of imported.notices) result.sources.warning('keras-notice', notice.message, noticeAt(notice, imported.text, specFile));
  return result;
}

/** The file's text; undefined when there is no such file (the argument may be a call string). */
function readSpecArg(path: string, specArg: string): string | undefined | AnalyzeResult {
  try {
    return readSpecFile(path);
  } catch (err) {
    if (!(err instanceof DiagnosticError)) throw err;
    if (err.message.startsWith('no such file')) return undefined;
    return fileProblem(specArg, err.message);
  }
}

/** One short line for a spec that cannot be read: "dir: is a directory", never errno text or content. */
function fileProblem(file: string, message: string): AnalyzeResult {
  const bag = new DiagnosticBag();
  bag.error('file', message, { file });
  return { diagnostics: bag.items, sources: bag };
}

/** At most this many distinct diagnostics are printed; the rest are counted. */
export const MAX_PRINTED_DIAGNOSTICS = 100;

/** Why the analysis stopped early: always printed, even past the cap. */
const STOPPED = new Set(['too-large', 'too-many-errors']);

export function printDiagnostics(result: AnalyzeResult, io: CliIO): void {
  const all = result.diagnostics;
  const shown = all.slice(0, MAX_PRINTED_DIAGNOSTICS);
  const stopped = all.slice(MAX_PRINTED_DIAGNOSTICS).filter((d) => STOPPED.has(d.code));
  const format = (d: Diagnostic): string => formatDiagnostic(d, result.sources.sourceText(d.file)) + '\n';
  io.stderr(shown.map(format).join(''));
  const hidden = all.length - shown.length - stopped.length;
  if (hidden > 0) io.stderr(`… and ${hidden} more problem${hidden === 1 ? '' : 's'} not shown (the first ${MAX_PRINTED_DIAGNOSTICS} are above)\n`);
  io.stderr(stopped.map(format).join(''));
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
