// References to one output of a step with several (return_state=True, Bidirectional
// merge_mode=None): `enc[1]` is output 1 of step `enc`, as Python's `out, h, c = LSTM(…)(x)` picks
// them. Node names never contain '[', so a tensor key `enc[1]` cannot be mistaken for a name.

/** A reference as written: the name, and the subscript if there is one. */
export interface OutputRef {
  name: string;
  index?: number;
}

const SUBSCRIPT = /^(.*)\[\s*(-?\d+)\s*\]$/;

/** `enc[1]` → {name: 'enc', index: 1}; `enc` → {name: 'enc'}. */
export function parseOutputRef(text: string): OutputRef {
  const match = SUBSCRIPT.exec(text.trim());
  return match ? { name: match[1]!.trim(), index: Number(match[2]) } : { name: text };
}

/** The key of output `index` of node `name`: `enc[1]`. */
export function tensorKey(name: string, index: number): string {
  return `${name}[${index}]`;
}

/** `enc[1]` → {node: 'enc', index: 1}; a bare name → index undefined (the node's outputs, all of them). */
export function splitTensorKey(key: string): { node: string; index: number | undefined } {
  const open = key.indexOf('[');
  return open < 0 ? { node: key, index: undefined } : { node: key.slice(0, open), index: Number(key.slice(open + 1, -1)) };
}
