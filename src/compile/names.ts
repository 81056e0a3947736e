// IR node names → TensorFlow.js layer names. tfjs accepts `[A-Za-z0-9][-A-Za-z0-9._/]*` in weight
// names (which embed the layer name) and uses `/` as its scope divider, so dots stay as they are and
// anything else becomes `_`. The mapping is recorded, never guessed back.

/** Hands out unique tfjs names for IR names, remembering both directions. */
export class LayerNamer {
  private readonly taken = new Set<string>();
  readonly toTfjs = new Map<string, string>();

  /** The tfjs name for an IR node (stable for repeated calls). */
  forNode(irName: string): string {
    const known = this.toTfjs.get(irName);
    if (known !== undefined) return known;
    const name = this.unique(sanitize(irName));
    this.toTfjs.set(irName, name);
    return name;
  }

  /** A fresh name for a helper layer inside a node's subgraph: `<node>__<part>`. */
  helper(nodeTfjsName: string, part: string): string {
    return this.unique(`${nodeTfjsName}__${sanitize(part)}`);
  }

  private unique(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}__${i}`;
    this.taken.add(name);
    return name;
  }
}

function sanitize(name: string): string {
  const cleaned = name.replace(/[^-A-Za-z0-9._]/g, '_');
  return /^[A-Za-z0-9]/.test(cleaned) ? cleaned : `n${cleaned}`;
}
