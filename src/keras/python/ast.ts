// The syntax tree of the Python subset netspec reads. Every node carries its source range (offsets).

export interface Span {
  start: number;
  end: number;
}

export type Expr =
  | ({ kind: 'name'; id: string } & Span)
  | ({ kind: 'number'; value: number; isFloat: boolean; text: string } & Span)
  | ({ kind: 'string'; value: string } & Span)
  | ({ kind: 'fstring'; parts: (string | FieldSource)[] } & Span)
  | ({ kind: 'constant'; value: null | boolean | 'ellipsis' } & Span)
  | ({ kind: 'tuple'; items: Expr[] } & Span)
  | ({ kind: 'list'; items: Expr[] } & Span)
  | ({ kind: 'dict'; entries: [Expr, Expr][] } & Span)
  | ({ kind: 'comprehension'; of: 'list' | 'tuple'; element: Expr; clauses: ComprehensionClause[] } & Span)
  | ({ kind: 'attribute'; object: Expr; attr: string } & Span)
  | ({ kind: 'subscript'; object: Expr; index: Expr } & Span)
  | ({ kind: 'slice'; lower?: Expr; upper?: Expr; step?: Expr } & Span)
  | ({ kind: 'call'; callee: Expr; args: Argument[] } & Span)
  | ({ kind: 'unary'; op: string; operand: Expr } & Span)
  | ({ kind: 'binary'; op: string; left: Expr; right: Expr } & Span)
  | ({ kind: 'compare'; first: Expr; rest: { op: string; right: Expr }[] } & Span)
  | ({ kind: 'boolean'; op: 'and' | 'or'; left: Expr; right: Expr } & Span)
  | ({ kind: 'ternary'; test: Expr; body: Expr; orElse: Expr } & Span)
  | ({ kind: 'starred'; value: Expr } & Span);

/** The text of one `{...}` field of an f-string and where it starts; parsed when the string is evaluated. */
export interface FieldSource {
  code: string;
  offset: number;
}

export type ComprehensionClause = { kind: 'for'; target: Expr; iter: Expr } | { kind: 'if'; test: Expr };

export interface Argument extends Span {
  /** Keyword name; undefined for a positional argument. */
  name?: string;
  value: Expr;
  /** `*args` or `**kwargs`. */
  unpack?: '*' | '**';
}

export interface Parameter extends Span {
  name: string;
  default?: Expr;
  /** `*args` / `**kwargs` parameters. */
  collect?: '*' | '**';
}

export interface ImportName {
  path: string[];
  alias?: string;
}

export type Stmt =
  | ({ kind: 'expr'; value: Expr } & Span)
  | ({ kind: 'assign'; targets: Expr[]; value: Expr } & Span)
  | ({ kind: 'augassign'; target: Expr; op: string; value: Expr } & Span)
  | ({ kind: 'return'; value?: Expr } & Span)
  | ({ kind: 'pass' } & Span)
  | ({ kind: 'break' } & Span)
  | ({ kind: 'continue' } & Span)
  | ({ kind: 'import'; names: ImportName[] } & Span)
  | ({ kind: 'fromImport'; module: string[]; names: ImportName[] } & Span)
  | ({ kind: 'def'; name: string; params: Parameter[]; body: Stmt[] } & Span)
  | ({ kind: 'class'; name: string } & Span)
  | ({ kind: 'for'; target: Expr; iter: Expr; body: Stmt[]; orElse: Stmt[] } & Span)
  | ({ kind: 'if'; test: Expr; body: Stmt[]; orElse: Stmt[] } & Span)
  | ({ kind: 'with'; items: { context: Expr; target?: Expr }[]; body: Stmt[] } & Span)
  /** A statement netspec could not parse or does not follow; running it is an error only where the model needs it. */
  | ({ kind: 'unsupported'; what: string; at: number } & Span);
