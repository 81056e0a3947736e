// netspec's MAC conventions where they are not "one MAC per weight use" (see src/layers/registry.ts).

/** Elementwise affine layers count one MAC per output element (x·a + b); XLA has no conv or dot there. */
export const ELEMENTWISE_MACS = new Set(['BatchNormalization', 'LayerNormalization', 'Normalization', 'Rescaling', 'LayerScale', 'GroupNormalization']);
