// Every figure netspec reports is exact: shapes, parameters, MACs and sizes are doubles, exact only
// up to 2^53 − 1, so a figure beyond that range is an error naming the layer, never a rounded number.
import { DiagnosticError, type SourceRef } from '../diagnostics/diagnostic.js';
import { approximately, MAX_EXACT_TEXT } from '../format/format.js';
import type { Inferred } from './infer.js';

const RANGE = `netspec computes exactly up to 2 ** 53 − 1 = ${MAX_EXACT_TEXT}`;

function outOfRange(layer: string, figure: string, value: number, at: SourceRef): DiagnosticError {
  if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) return new DiagnosticError('range', `${layer}: ${figure} is not a whole number (${value})`, at);
  return new DiagnosticError(
    'range',
    `${layer}: ${figure} is beyond the exact integer range (${approximately(value)}; ${RANGE})`,
    at,
    'a network this large cannot be counted exactly; check the sizes that lead here',
  );
}

/** Throws when one of a node's own figures left the exact range. `layer` is e.g. `conv2d (Conv2D)`. */
export function checkNodeFigures(layer: string, inferred: Inferred, at: SourceRef): void {
  inferred.outputShape.forEach((d, axis) => {
    if (d !== null && !Number.isSafeInteger(d)) throw outOfRange(layer, `output dimension ${axis + 1}`, d, at);
  });
  const { params, macs, outputSize, receptiveField } = inferred;
  if (!Number.isSafeInteger(params.trainable)) throw outOfRange(layer, 'the trainable parameter count', params.trainable, at);
  if (!Number.isSafeInteger(params.nonTrainable)) throw outOfRange(layer, 'the non-trainable parameter count', params.nonTrainable, at);
  if (!Number.isSafeInteger(params.trainable + params.nonTrainable)) throw outOfRange(layer, 'the parameter count', params.trainable + params.nonTrainable, at);
  if (!Number.isSafeInteger(macs)) throw outOfRange(layer, 'the MAC count', macs, at);
  if (!Number.isSafeInteger(outputSize)) throw outOfRange(layer, 'the output size (elements per sample)', outputSize, at);
  // Receptive fields may be fractional after upsampling; an integer one must still be exact.
  for (const v of [...(receptiveField?.size ?? []), ...(receptiveField?.jump ?? [])]) {
    if (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) throw outOfRange(layer, 'the receptive field', v, at);
  }
}

/** Running sums over the nodes added so far, checked as each node is added. */
export class RunningTotals {
  trainable = 0;
  nonTrainable = 0;
  macs = 0;
  activations = 0;

  /** Adds a node's figures; throws at the node where a total first leaves the exact range. */
  add(layer: string, inferred: Inferred, at: SourceRef): void {
    this.trainable += inferred.params.trainable;
    this.nonTrainable += inferred.params.nonTrainable;
    this.macs += inferred.macs;
    this.activations += inferred.outputSize;
    // Byte figures (4 per parameter or element) need no check: 4·n is exact in a double, and reports
    // print it digit for digit.
    const sums: [string, number][] = [
      ['the total trainable parameter count', this.trainable],
      ['the total non-trainable parameter count', this.nonTrainable],
      ['the total parameter count', this.trainable + this.nonTrainable],
      ['the total MAC count', this.macs],
      ['the total output size (elements per sample, for activation memory)', this.activations],
    ];
    for (const [figure, value] of sums) {
      if (!Number.isSafeInteger(value)) throw outOfRange(`${layer}`, `${figure}, up to and including this layer,`, value, at);
    }
  }
}
