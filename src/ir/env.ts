// Names visible to expressions: a small layer of bindings over a parent, so that adding `i` or
// `in_shape` for one step costs one tiny map instead of a copy of every param.
import type { Value } from '../expr/index.js';

export class LayeredEnv implements ReadonlyMap<string, Value> {
  private readonly own: Map<string, Value>;

  constructor(
    private readonly parent: ReadonlyMap<string, Value>,
    bindings: Iterable<[string, Value]>,
  ) {
    this.own = new Map(bindings);
  }

  get(key: string): Value | undefined {
    return this.own.has(key) ? this.own.get(key) : this.parent.get(key);
  }

  has(key: string): boolean {
    return this.own.has(key) || this.parent.has(key);
  }

  get size(): number {
    return [...this.keys()].length;
  }

  *keys(): MapIterator<string> {
    yield* this.own.keys();
    for (const key of this.parent.keys()) if (!this.own.has(key)) yield key;
  }

  *entries(): MapIterator<[string, Value]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }

  *values(): MapIterator<Value> {
    for (const key of this.keys()) yield this.get(key)!;
  }

  [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.entries();
  }

  forEach(fn: (value: Value, key: string, map: ReadonlyMap<string, Value>) => void): void {
    for (const [key, value] of this.entries()) fn(value, key, this);
  }
}

/** `env` plus the given bindings. */
export function extendEnv(env: ReadonlyMap<string, Value>, bindings: Record<string, Value>): LayeredEnv {
  return new LayeredEnv(env, Object.entries(bindings));
}
