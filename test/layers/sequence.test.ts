// Recurrent and sequence kinds against Keras (test/fixtures/keras/layers-sequence.json, from
// scripts/keras/sequence_fixture.py), plus netspec's own refusals and the MAC convention.
import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../src/layers/args.js';
import { LayerError, type ArgValue, type Shape } from '../../src/layers/types.js';
import { describeKerasTable, kind } from './keras-table.js';

describeKerasTable('sequence');

function figures(name: string, raw: Record<string, ArgValue>, input: Shape) {
  const k = kind(name);
  const args = normalizeArgs(k, raw);
  const output = k.outputShape([input], args);
  return {
    output,
    params: k.params([input], args, output),
    macs: k.macs([input], args, output),
    label: k.label(args),
    explain: k.explain([input], args, output),
  };
}

describe('recurrent MACs: one per kernel and recurrent-kernel use per time step', () => {
  it.each([
    // T·gates·units·(features + units)
    ['SimpleRNN', { units: 8 }, [10, 4], 10 * 1 * 8 * (4 + 8)],
    ['LSTM', { units: 64 }, [100, 32], 100 * 4 * 64 * (32 + 64)],
    ['GRU', { units: 32 }, [50, 16], 50 * 3 * 32 * (16 + 32)],
    ['LSTM', { units: 16, return_sequences: true }, [null, 8], 0],
    // T·positions·4·filters·k·(channels + filters)
    ['ConvLSTM2D', { filters: 8, kernel_size: 3 }, [10, 32, 32, 1], 10 * 30 * 30 * 4 * 8 * 9 * (1 + 8)],
    ['ConvLSTM1D', { filters: 4, kernel_size: 5, strides: 2, padding: 'same', return_sequences: true }, [6, 21, 3], 6 * 11 * 4 * 4 * 5 * (3 + 4)],
    ['Bidirectional', { layer: { class_name: 'LSTM', config: { units: 64 } } }, [100, 32], 2 * 100 * 4 * 64 * (32 + 64)],
    ['TimeDistributed', { layer: { class_name: 'Dense', config: { units: 10 } } }, [20, 32], 20 * 32 * 10],
    ['Masking', {}, [10, 4], 0],
  ] as const)('%s(%j) on %j', (name, raw, input, macs) => {
    expect(figures(name, raw as Record<string, ArgValue>, input as unknown as Shape).macs).toBe(macs);
  });
});

describe("netspec's refusals: a batch axis, and wrapped layers that are not layers", () => {
  it.each([
    ['GRU', { units: 4, stateful: true }, /stateful=True needs a fixed batch size/],
    ['Bidirectional', { layer: 'LSTM' }, /must be a layer/],
    ['TimeDistributed', { layer: { class_name: 'Dens', config: { units: 4 } } }, /no known layer kind 'Dens'/],
    ['TimeDistributed', { layer: { class_name: 'Add', config: {} } }, /one input/],
  ] as const)('%s(%j)', (name, raw, message) => {
    expect(() => normalizeArgs(kind(name), raw as unknown as Record<string, ArgValue>)).toThrow(LayerError);
    expect(() => normalizeArgs(kind(name), raw as unknown as Record<string, ArgValue>)).toThrow(message);
  });
});

describe('labels and explanations read well', () => {
  it('labels a bidirectional LSTM as BiLSTM with its merge mode', () => {
    expect(figures('Bidirectional', { layer: { class_name: 'LSTM', config: { units: 64 } } }, [100, 32]).label).toBe('BiLSTM 64 · concat');
    expect(figures('Bidirectional', { layer: { class_name: 'GRU', config: { units: 8, return_sequences: true } }, merge_mode: 'sum' }, [9, 4]).label).toBe(
      'BiGRU 8 · seq · sum',
    );
    expect(figures('TimeDistributed', { layer: { class_name: 'Dense', config: { units: 10 } } }, [20, 32]).label).toBe('TimeDistributed Dense 10');
  });
  it('explains the LSTM count with its formula', () => {
    expect(figures('LSTM', { units: 64 }, [100, 32]).explain).toContain('params = 4·(64·(32 + 64) + 64) = 24832');
    expect(figures('GRU', { units: 32 }, [50, 16]).explain).toContain('params = 3·(32·(16 + 32) + 2·32) = 4800');
  });
});

describe("Bidirectional's backward_layer", () => {
  const lstm = (config: Record<string, ArgValue>) => ({ class_name: 'LSTM', config: { units: 4, ...config } });
  it("is the default when it is the wrapped layer's copy (Keras saves it in every config)", () => {
    const args = normalizeArgs(kind('Bidirectional'), { layer: lstm({}), backward_layer: lstm({ go_backwards: true }) });
    expect(args.backward_layer).toBeNull();
    expect(kind('Bidirectional').label(args)).toBe('BiLSTM 4 · concat');
  });
  it('labels and explains a different backward layer', () => {
    const f = figures(
      'Bidirectional',
      { layer: lstm({}), backward_layer: { class_name: 'GRU', config: { units: 4, go_backwards: true } }, merge_mode: 'sum' },
      [5, 2],
    );
    expect(f.label).toBe('LSTM 4 ⇄ GRU 4 · sum');
    // LSTM 4·(4·(2 + 4) + 4) = 112, GRU 3·(4·(2 + 4) + 2·4) = 96 (Keras: 208 together).
    expect(f.explain).toContain('params = 112 + 96 = 208');
  });
});
