// defineKind: a layer kind from only what is particular to it. Weightless kinds (activations,
// reshapes, dropout, merges, …) leave out params, MACs and the receptive-field rule and get the
// shared defaults; a kind with weights must give all three, so none is forgotten.
import type { LayerKind, ParamCount, ReceptiveRule } from './types.js';
import { formatTuple } from '../format/format.js';

type Common = Omit<LayerKind, 'positional' | 'inputs' | 'params' | 'macs' | 'receptive' | 'explain'> &
  Partial<Pick<LayerKind, 'positional' | 'inputs' | 'explain'>>;

/** No weights, no MACs; the receptive field passes through unless `receptive` says otherwise. */
export type WeightlessKind = Common & Partial<Pick<LayerKind, 'receptive'>> & { params?: never; macs?: never };

/** Weights: parameter count, MACs, receptive rule and the explanation of the count are the kind's own. */
export type WeightedKind = Common & Pick<LayerKind, 'params' | 'macs' | 'receptive' | 'explain'>;

const NO_PARAMS: ParamCount = Object.freeze({ trainable: 0, nonTrainable: 0 });
const IDENTITY: ReceptiveRule = Object.freeze({ kind: 'identity' });

/**
 * The defaults: one input, no positional arguments, no weights (params 0, MACs 0), receptive field
 * unchanged, and an explanation giving the output shape.
 */
export function defineKind(definition: WeightlessKind | WeightedKind): LayerKind {
  return {
    positional: [],
    inputs: { min: 1, max: 1 },
    params: () => NO_PARAMS,
    macs: () => 0,
    receptive: () => IDENTITY,
    explain: (_inputs, _args, output) => [`output ${formatTuple(output)}; params = 0`],
    ...definition,
  };
}
