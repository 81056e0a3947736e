// Python's own methods on plain values (list, dict, str) as the interpreter follows them: mutating
// the value in place as Python does, with allocations counted against the run's budget.
import type { Span } from './ast.js';
import { describeValue, type Args } from './keras-api.js';
import { PyError, type Budget } from './limits.js';
import { compareOp, iterate } from './operations.js';
import { NONE, int, pyStr, str, type Value } from './values.js';

/** `self.name(args)` for a list, dict or str; undefined when netspec does not compute that method. */
export function callValueMethod(name: string, self: Value, args: Args, at: Span, budget: Budget): Value | undefined {
  const first = args.positional[0];
  if (self.t === 'list') {
    if (name === 'append' && first) {
      self.items.push(first.value);
      budget.allocate(1, at);
      return NONE;
    }
    if (name === 'extend' && first) {
      self.items.push(...iterate(first.value, at, budget));
      return NONE;
    }
    if (name === 'insert' && args.positional.length === 2) {
      const index = args.positional[0]?.value;
      self.items.splice(index?.t === 'int' ? index.v : 0, 0, args.positional[1]?.value ?? NONE);
      return NONE;
    }
    if (name === 'pop') return self.items.pop() ?? NONE;
    if (name === 'reverse') {
      self.items.reverse();
      return NONE;
    }
    if (name === 'copy') return { t: 'list', items: [...self.items] };
    if (name === 'index' && first) {
      const i = self.items.findIndex((v) => {
        const equal = compareOp('==', v, first.value, at);
        return equal.t === 'bool' && equal.v;
      });
      if (i < 0) throw new PyError('value is not in the list', at, false);
      return int(i);
    }
  }
  if (self.t === 'dict') {
    if (name === 'items') return { t: 'list', items: [...self.entries.values()].map(([k, v]) => ({ t: 'tuple', items: [k, v] })) };
    if (name === 'keys') return { t: 'list', items: [...self.entries.values()].map(([k]) => k) };
    if (name === 'values') return { t: 'list', items: [...self.entries.values()].map(([, v]) => v) };
    if (name === 'get' && first) {
      const key = hashOrThrow(first.value, first.at);
      return self.entries.get(key)?.[1] ?? args.positional[1]?.value ?? NONE;
    }
  }
  if (self.t === 'str') {
    if (name === 'upper') return str(self.v.toUpperCase());
    if (name === 'lower') return str(self.v.toLowerCase());
    if (name === 'format') {
      let n = 0;
      const text = self.v.replace(/\{(\w*)\}/g, (_, key: string) => {
        const value = key === '' ? args.positional[n++]?.value : /^\d+$/.test(key) ? args.positional[Number(key)]?.value : args.keywords.get(key)?.value;
        return value ? (pyStr(value) ?? '?') : '?';
      });
      return str(text);
    }
    if (name === 'join' && first)
      return str(
        iterate(first.value, at, budget)
          .map((v) => pyStr(v) ?? '')
          .join(self.v),
      );
    if (name === 'replace' && args.positional.length === 2) {
      const [a, b] = args.positional.map((p) => pyStr(p.value) ?? '');
      return str(self.v.split(a ?? '').join(b ?? ''));
    }
  }
  return undefined;
}

export function hashOrThrow(value: Value, at: Span): string {
  const key =
    value.t === 'int' || value.t === 'float'
      ? `n:${value.v}`
      : value.t === 'str'
        ? `s:${value.v}`
        : value.t === 'bool'
          ? `n:${value.v ? 1 : 0}`
          : value.t === 'none'
            ? 'none'
            : value.t === 'tuple'
              ? `t:${value.items.map((i) => hashOrThrow(i, at)).join(',')}`
              : undefined;
  if (key === undefined) throw new PyError(`${describeValue(value)} cannot be a dict key here`, at, false);
  return key;
}
