// `extends` in the page reads only what the server handed out (or the gallery fetched); a refusal
// follows the written name in the analysis's diagnostic, as the CLI's reading errors do.
import { DiagnosticError } from '../../diagnostics/diagnostic.js';

export function readKnownFile(files: ReadonlyMap<string, string>, refused: ReadonlyMap<string, string>, path: string): string {
  const text = files.get(path);
  if (text !== undefined) return text;
  const reason = refused.get(path);
  if (reason !== undefined) throw new DiagnosticError('extends', reason);
  throw new DiagnosticError('extends', "not available in the playground (extends works for gallery files, and for the followed spec's files in its folder)");
}
