// One diagnostic type for every stage: YAML, schema, expressions, names, shapes, expectations.
import type { DiagnosticCode } from './codes.js';
import { LineIndex, lineIndexOf } from './line-index.js';

export type { DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning';

/** Where a diagnostic points: a file and a character range [start, end) in its text. */
export interface SourceRef {
  file: string;
  /** Offsets into the file text; both undefined when the position is unknown. */
  start?: number;
  end?: number;
}

export interface Diagnostic {
  /** Stable machine-readable code (src/diagnostics/codes.ts), e.g. `yaml-syntax`, `unknown-kind`, `shape`. */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file: string;
  /** 1-based line and column of `range[0]`; 0 when unknown. */
  line: number;
  column: number;
  /** Offsets into the file text. */
  range: [number, number];
  /** A hint, e.g. "did you mean 'Conv2D'?" */
  suggestion?: string;
  /** How many times this same problem was found (once per repeat iteration, say); absent: once. */
  count?: number;
}

/** Raised inside a stage to abort one step; caught and turned into a Diagnostic by the caller. */
export class DiagnosticError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly at?: SourceRef,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

/** Collects diagnostics for one run; positions are resolved against the file texts it knows. */
export class DiagnosticBag {
  /** Distinct problems in the order found; a repeat of one already here only raises its count. */
  readonly items: Diagnostic[] = [];
  private readonly texts = new Map<string, string>();
  private readonly indexes = new Map<string, LineIndex>();
  private readonly byKey = new Map<string, Diagnostic>();
  private errorCount = 0;

  addSource(file: string, text: string): void {
    this.texts.set(file, text);
    this.indexes.delete(file);
  }

  sourceText(file: string): string | undefined {
    return this.texts.get(file);
  }

  error(code: DiagnosticCode, message: string, at?: SourceRef, suggestion?: string): Diagnostic {
    return this.push('error', code, message, at, suggestion);
  }

  warning(code: DiagnosticCode, message: string, at?: SourceRef, suggestion?: string): Diagnostic {
    return this.push('warning', code, message, at, suggestion);
  }

  fromError(err: DiagnosticError, fallback?: SourceRef): Diagnostic {
    return this.error(err.code, err.message, err.at ?? fallback, err.suggestion);
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** The line index of a known file's text, built once. */
  lineIndex(file: string): LineIndex | undefined {
    let index = this.indexes.get(file);
    if (!index) {
      const text = this.texts.get(file);
      if (text === undefined) return undefined;
      index = new LineIndex(text);
      this.indexes.set(file, index);
    }
    return index;
  }

  private push(severity: Severity, code: DiagnosticCode, message: string, at?: SourceRef, suggestion?: string): Diagnostic {
    const file = at?.file ?? '<input>';
    const start = at?.start ?? 0;
    const end = at?.end ?? start;
    const key = `${severity}\0${code}\0${file}\0${at?.start}\0${end}\0${message}\0${suggestion ?? ''}`;
    const same = this.byKey.get(key);
    if (same) {
      same.count = (same.count ?? 1) + 1;
      return same;
    }
    const { line, column } = at?.start === undefined ? { line: 0, column: 0 } : (this.lineIndex(file)?.lineColumn(start) ?? { line: 1, column: start + 1 });
    const d: Diagnostic = { code, severity, message, file, line, column, range: [start, end] };
    if (suggestion) d.suggestion = suggestion;
    this.items.push(d);
    this.byKey.set(key, d);
    if (severity === 'error') this.errorCount++;
    return d;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineIndexOf(text).lineColumn(offset);
}
