// Names within blocks: each structure, block call or named group opens a scope; references look
// in the nearest scope first, then outward; dotted references descend into named children.
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/format.js';

export interface Binding {
  /** IR node whose output the name stands for. */
  node: string;
  /** For a named group or block call: its own scope, for `stage2.block1.conv1`. */
  scope?: Scope;
  at: SourceRef;
  /** The call that made it, for calling it again with `use:`; absent for model inputs. */
  call?: StepCall;
}

/** What one step call made: the IR nodes and groups in [start, end) and the inputs it read. */
export interface StepCall {
  inputs: string[];
  nodes: { start: number; end: number };
  groups: { start: number; end: number };
}

export class Scope {
  private readonly names = new Map<string, Binding>();
  private readonly counters = new Map<string, number>();

  constructor(
    /** Dotted prefix of every node name created inside, e.g. `stage2.block1`. */
    readonly prefix: string,
    readonly parent?: Scope,
  ) {}

  child(segment: string): Scope {
    return new Scope(this.qualify(segment), this);
  }

  qualify(local: string): string {
    return this.prefix ? `${this.prefix}.${local}` : local;
  }

  /** Keras-style unique local name: `conv2d`, then `conv2d_1`, `conv2d_2`, … */
  autoName(base: string): string {
    for (;;) {
      const n = this.counters.get(base) ?? 0;
      this.counters.set(base, n + 1);
      const candidate = n === 0 ? base : `${base}_${n}`;
      if (!this.names.has(candidate)) return candidate;
    }
  }

  /** Reserves an explicit local name; a second use in the same scope is an error. */
  claim(local: string, at: SourceRef): void {
    const previous = this.names.get(local);
    if (previous) throw new DiagnosticError('duplicate-name', `name '${local}' is already used in this block`, at);
  }

  bind(local: string, binding: Binding): void {
    this.names.set(local, binding);
  }

  /** Records the call behind a name bound in this scope. */
  attachCall(local: string, call: StepCall): void {
    const binding = this.names.get(local);
    if (binding) binding.call = call;
  }

  /** `enc4` or `stage2.block1.conv1`, searched from this scope outward. */
  resolve(reference: string, at: SourceRef): string {
    return this.lookup(reference, at).node;
  }

  /** The binding behind a reference; throws an unknown-name diagnostic with a did-you-mean. */
  lookup(reference: string, at: SourceRef): Binding {
    const [head, ...rest] = reference.split('.');
    let binding: Binding | undefined;
    for (let scope: Scope | undefined = this; scope && !binding; scope = scope.parent) binding = scope.names.get(head!);
    if (!binding) {
      throw new DiagnosticError(
        'unknown-name',
        `unknown name '${reference}' (names must be defined before they are used)`,
        at,
        didYouMean(head!, this.visibleNames()),
      );
    }
    for (const part of rest) {
      const next: Binding | undefined = binding.scope?.names.get(part);
      if (!next) {
        throw new DiagnosticError(
          'unknown-name',
          `'${reference}': '${part}' is not a name inside '${head}'`,
          at,
          binding.scope ? didYouMean(part, binding.scope.names.keys()) : undefined,
        );
      }
      binding = next;
    }
    return binding;
  }

  private visibleNames(): string[] {
    const out: string[] = [];
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) for (const name of scope.names.keys()) out.push(name);
    return out;
  }
}
