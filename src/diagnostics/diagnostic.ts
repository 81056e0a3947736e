// One diagnostic type for every stage: YAML, schema, expressions, names, shapes, expectations.

export type Severity = 'error' | 'warning';

/** Where a diagnostic points: a file and a character range [start, end) in its text. */
export interface SourceRef {
  file: string;
  /** Offsets into the file text; both undefined when the position is unknown. */
  start?: number;
  end?: number;
}

export interface Diagnostic {
  /** Stable machine-readable code, e.g. `yaml-syntax`, `schema`, `unknown-kind`, `shape`. */
  code: string;
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
}

/** Raised inside a stage to abort one step; caught and turned into a Diagnostic by the caller. */
export class DiagnosticError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly at?: SourceRef,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

/** Collects diagnostics for one run; positions are resolved against the file texts it knows. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  private readonly texts = new Map<string, string>();

  addSource(file: string, text: string): void {
    this.texts.set(file, text);
  }

  sourceText(file: string): string | undefined {
    return this.texts.get(file);
  }

  error(code: string, message: string, at?: SourceRef, suggestion?: string): Diagnostic {
    return this.push('error', code, message, at, suggestion);
  }

  warning(code: string, message: string, at?: SourceRef, suggestion?: string): Diagnostic {
    return this.push('warning', code, message, at, suggestion);
  }

  fromError(err: DiagnosticError, fallback?: SourceRef): Diagnostic {
    return this.error(err.code, err.message, err.at ?? fallback, err.suggestion);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  private push(severity: Severity, code: string, message: string, at?: SourceRef, suggestion?: string): Diagnostic {
    const file = at?.file ?? '<input>';
    const start = at?.start ?? 0;
    const end = at?.end ?? start;
    const { line, column } = at?.start === undefined ? { line: 0, column: 0 } : lineColumn(this.texts.get(file) ?? '', start);
    const d: Diagnostic = { code, severity, message, file, line, column, range: [start, end] };
    if (suggestion) d.suggestion = suggestion;
    this.items.push(d);
    return d;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(offset, text.length);
  for (let i = 0; i < limit; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
