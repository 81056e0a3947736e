// Layers with several outputs (return_state=True, Bidirectional merge_mode=None, initial_state
// inputs) against Keras's own figures (scripts/keras/multi_output_fixture.py).
import { describe, expect, it } from 'vitest';
import { normalizeArgs } from '../../src/layers/args.js';
import { describeKerasTable, kind } from './keras-table.js';

describeKerasTable('multi-output');

describe('what each output is', () => {
  const outputs = (name: string, raw: Record<string, unknown>, input: (number | null)[]) => {
    const k = kind(name);
    const args = normalizeArgs(k, raw as never);
    return k.outputs!([input], args, k.outputShape([input], args)).map((o) => o.name);
  };
  it.each([
    ['LSTM', { units: 4, return_state: true }, [5, 2], ['output', 'state_h', 'state_c']],
    ['GRU', { units: 4, return_state: true }, [5, 2], ['output', 'state']],
    ['SimpleRNN', { units: 4 }, [5, 2], ['output']],
    ['ConvLSTM2D', { filters: 2, kernel_size: 3, return_state: true }, [3, 6, 6, 1], ['output', 'state_h', 'state_c']],
    ['Bidirectional', { layer: { class_name: 'LSTM', config: { units: 4 } }, merge_mode: null }, [5, 2], ['forward', 'backward']],
    ['Bidirectional', { layer: { class_name: 'GRU', config: { units: 4, return_state: true } } }, [5, 2], ['output', 'forward_state', 'backward_state']],
  ] as const)('%s(%j)', (name, raw, input, names) => {
    expect(outputs(name, raw, [...input])).toEqual(names);
  });

  it('labels merge_mode=None as Keras writes it', () => {
    const k = kind('Bidirectional');
    expect(k.label(normalizeArgs(k, { layer: { class_name: 'LSTM', config: { units: 4 } }, merge_mode: null }))).toBe('BiLSTM 4 · None');
  });
});

describe('initial_state: the states Keras needs (it checks neither count nor shape until the model runs)', () => {
  const shapes = (name: string, raw: Record<string, unknown>, inputs: (number | null)[][]) => {
    const k = kind(name);
    return () => k.outputShape(inputs, normalizeArgs(k, raw as never));
  };
  it.each([
    ['LSTM', { units: 8 }, [[10, 3], [8]], /initial_state: LSTM takes 2 states \(state_h, state_c\) of shape \(None, 8\) after the sequence, got 1/],
    ['LSTM', { units: 8 }, [[10, 3], [5], [5]], /input 2 \(state_h\) has shape \(None, 5\), LSTM's state is \(None, 8\)/],
    ['GRU', { units: 3 }, [[10, 3], [3], [3]], /GRU takes 1 state \(state\)/],
    [
      'ConvLSTM2D',
      { filters: 2, kernel_size: 3 },
      [
        [3, 8, 8, 1],
        [8, 8, 2],
        [8, 8, 2],
      ],
      /state_h\) has shape \(None, 8, 8, 2\), ConvLSTM2D's state is \(None, 6, 6, 2\)/,
    ],
    [
      'Bidirectional',
      { layer: { class_name: 'LSTM', config: { units: 3 } } },
      [[5, 2], [3], [3]],
      /Bidirectional takes 4 states \(forward_state_h, forward_state_c, backward_state_h, backward_state_c\) after the sequence, got 2/,
    ],
    [
      'Bidirectional',
      { layer: { class_name: 'GRU', config: { units: 3 } } },
      [[5, 2], [3], [4]],
      /input 3 \(backward_state\) has shape \(None, 4\), the state is \(None, 3\)/,
    ],
  ] as const)('%s(%j) on %j', (name, raw, inputs, message) => {
    expect(
      shapes(
        name,
        raw,
        inputs.map((s) => [...s]),
      ),
    ).toThrow(message);
  });
});
