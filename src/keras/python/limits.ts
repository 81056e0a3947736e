// Bounds on what reading one Python file may cost, so hostile input cannot hang or exhaust memory:
// work, recursion and created data all stop at a fixed budget with a diagnostic at the line reached.
import type { Span } from './ast.js';
import { formatCount } from '../../format/format.js';

export const LIMITS = {
  /** Statements and expression evaluations in all. */
  steps: 2_000_000,
  /** Nested calls of Python functions. */
  callDepth: 100,
  /** List/tuple items and string characters created, in all. */
  items: 2_000_000,
  /** Layer calls (graph nodes). */
  nodes: 50_000,
} as const;

/** A problem at a place in the Python source. `fatal` ones are errors even in code outside the model. */
export class PyError extends Error {
  constructor(
    message: string,
    readonly at: Span,
    readonly fatal: boolean,
    readonly code: 'python' | 'too-large' | 'too-deep' | 'unknown-kind' = 'python',
    readonly help?: string,
  ) {
    super(message);
  }
}

export class Budget {
  private steps = 0;
  private items = 0;
  depth = 0;

  step(at: Span): void {
    if (++this.steps > LIMITS.steps)
      throw new PyError(`the code runs more than ${formatCount(LIMITS.steps)} steps; netspec stops here (a loop over a huge range?)`, at, true, 'too-large');
  }

  allocate(count: number, at: Span): void {
    this.items += count;
    if (this.items > LIMITS.items)
      throw new PyError(`the code builds more than ${formatCount(LIMITS.items)} list items or characters; netspec stops here`, at, true, 'too-large');
  }

  enter(at: Span): void {
    if (++this.depth > LIMITS.callDepth) throw new PyError(`function calls nest deeper than ${LIMITS.callDepth} (unbounded recursion?)`, at, true, 'too-deep');
  }

  leave(): void {
    this.depth--;
  }
}
