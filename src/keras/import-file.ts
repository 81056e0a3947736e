// One entry for every saved-model file netspec imports: by its name, a `.keras` archive or JSON
// (Keras's model.to_json(), a .keras archive's config.json, a TensorFlow.js model.json). The
// result is the spec text `netspec import` writes and the other commands analyse.
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import { InputFileError, readTextFile } from '../io/read-file.js';
import { readKerasArchiveConfig } from './read-keras-archive.js';
import { readKerasJson } from './read-keras-json.js';
import { kerasGraphToSpec, type ImportNotice } from './to-spec.js';

/** File names `netspec import` (and summary, check, explain, diagram) read as saved Keras models. */
export const SAVED_MODEL_FILE = /\.(json|keras)$/i;

/** The largest JSON model file read (InceptionResNetV2's to_json is about 1 MB). */
export const MAX_MODEL_JSON_BYTES = 32 * 1024 ** 2;

export interface ImportedSpec {
  text: string;
  /** What the user should check in the spec (a custom layer's shape and parameters, settings left out). */
  notices: ImportNotice[];
}

/**
 * Where a notice points in the spec text: its step's line (the step as written, after `- `), or
 * nowhere for a notice about the whole model.
 */
export function noticeAt(notice: ImportNotice, text: string, file: string): SourceRef {
  if (notice.step === undefined) return { file };
  const quoted = notice.step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`^( *- )(.*(?:name='${quoted}'|name: ${quoted}[,}]).*)$`, 'm').exec(text);
  if (!line) return { file };
  const start = line.index + line[1]!.length;
  return { file, start, end: start + line[2]!.length };
}

/** Reads `path` (shown as `label`) and writes it as a spec. Throws DiagnosticError for a bad file. */
export function importModelFile(path: string, label: string): ImportedSpec {
  const json = /\.keras$/i.test(path) ? readKerasArchiveConfig(path, label) : readJsonFile(path, label);
  return importModelText(json, label);
}

/**
 * For the commands that take a spec: a `.keras` file, or a `.json` file holding a saved Keras model,
 * as an imported spec; undefined for anything else (a spec written in JSON, a missing file), which
 * the caller reads as a spec.
 */
export function importIfSavedModel(path: string, label: string): ImportedSpec | undefined {
  if (/\.keras$/i.test(path)) return importModelFile(path, label);
  if (!/\.json$/i.test(path)) return undefined;
  let json: string;
  try {
    json = readJsonFile(path, label);
  } catch {
    return undefined; // reading it as a spec reports the problem
  }
  return looksLikeSavedModel(json) ? importModelText(json, label) : undefined;
}

/** A saved model's JSON is an object with its topology or its class at the top; a spec has neither. */
function looksLikeSavedModel(json: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return 'modelTopology' in value || 'model_config' in value || typeof (value as { class_name?: unknown }).class_name === 'string';
}

/** A saved model's JSON text (shown as `label`) as a spec. Throws DiagnosticError for a bad file. */
export function importModelText(json: string, label: string): ImportedSpec {
  const { graph, notices } = readKerasJson(json, label);
  const text = kerasGraphToSpec(graph, { header: [`Imported by netspec from ${label.replace(/[\r\n]/g, ' ')}`], notices });
  return { text, notices };
}

function readJsonFile(path: string, label: string): string {
  try {
    return readTextFile(path, MAX_MODEL_JSON_BYTES);
  } catch (err) {
    if (err instanceof InputFileError) throw new DiagnosticError(err.problem === 'too-large' ? 'too-large' : 'file', err.message, { file: label });
    throw err;
  }
}
