import { describe, expect, it } from 'vitest';
import { parseCallStep, parseExpression } from '../../src/expr/index.js';
import { sexpr } from './helpers.js';

function tree(source: string): string {
  const result = parseExpression(source);
  expect(result.errors).toEqual([]);
  return sexpr(result.value!);
}

describe('parseExpression: structure, precedence and associativity', () => {
  it.each([
    ['42', '42'],
    ['1e-3', '0.001'],
    ['1.001e-5', '0.00001001'],
    ['.5', '0.5'],
    ['1.', '1'],
    ["'valid'", '"valid"'],
    ['"same"', '"same"'],
    ["'it\\'s'", `"it's"`],
    ["'a\\nb'", '"a\\nb"'],
    ["'\\d'", '"\\\\d"'],
    ['True', 'true'],
    ['false', 'false'],
    ['None', 'None'],
    ['null', 'None'],
    ['width', 'width'],
    ['tf.keras.layers', 'tf.keras.layers'],
    ['notation', 'notation'],
    ['iffy', 'iffy'],
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['10 - 4 - 3', '(- (- 10 4) 3)'],
    ['2 ** 3 ** 2', '(** 2 (** 3 2))'],
    ['-2 ** 2', '(- (** 2 2))'],
    ['2 ** -1', '(** 2 (- 1))'],
    ['2 ** -3 * 4', '(* (** 2 (- 3)) 4)'],
    ['-2 * 3', '(* (- 2) 3)'],
    ['- - 3', '(- (- 3))'],
    ['a // b % c', '(% (// a b) c)'],
    ['not a == b', '(not (cmp a == b))'],
    ['not not a', '(not (not a))'],
    ['a and not b or c', '(or (and a (not b)) c)'],
    ['a or b and c', '(or a (and b c))'],
    ['0 < i < 3', '(cmp 0 < i < 3)'],
    ['a + 1 >= b * 2', '(cmp (+ a 1) >= (* b 2))'],
    ['i == 0', '(cmp i == 0)'],
    ['2 if i == 0 else 1', '(if (cmp i == 0) 2 1)'],
    ['a if b else c if d else e', '(if b a (if d c e))'],
    ['1 + 2 if c else 3', '(if c (+ 1 2) 3)'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['(3, 3)', '(tuple 3 3)'],
    ['(3,)', '(tuple 3)'],
    ['()', '(tuple)'],
    ['(3)', '3'],
    ['[1, 2]', '[1 2]'],
    ['[1, 2,]', '[1 2]'],
    ['[]', '[]'],
    ['[(1, 2), [3]]', '[(tuple 1 2) [3]]'],
    ['make_divisible(32 * alpha, 8)', '(call make_divisible (* 32 alpha) 8)'],
    ['f()', '(call f)'],
    ['f(a, b=2,)', '(call f a b=2)'],
    ['f(x=a == b)', '(call f x=(cmp a == b))'],
    ['  1  +\n 2 ', '(+ 1 2)'],
  ])('%s → %s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });
});

describe('parseExpression: offsets', () => {
  it('records [start, end) for every node; a parenthesised expression spans its parentheses', () => {
    const { value } = parseExpression('f(x, k=(1 + 2))');
    expect(value).toMatchObject({
      type: 'call',
      start: 0,
      end: 15,
      args: [{ type: 'name', start: 2, end: 3 }],
      kwargs: [{ name: 'k', start: 5, end: 14, value: { type: 'binary', start: 7, end: 14 } }],
    });
  });

  it.each([
    ['(1, 2)', 0, 6],
    ['[1]', 0, 3],
    ['-x', 0, 2],
    ["'ab'", 0, 4],
    ['a.b.c', 0, 5],
    ['x if y else z', 0, 13],
    ['(a) + b', 0, 7],
    ['-(a)', 0, 4],
    ['(a) if b else (c)', 0, 17],
  ])('%s spans %i..%i', (source, start, end) => {
    expect(parseExpression(source).value).toMatchObject({ start, end });
  });
});

describe('parseCallStep: lines copied from Keras code', () => {
  it.each([
    ['relu', 'relu', true, '(call relu)'],
    ['flatten', 'flatten', true, '(call flatten)'],
    [
      "Conv2D(filters=4, kernel_size=(9, 9), strides=(1, 2), padding='valid')",
      'Conv2D',
      false,
      '(call Conv2D filters=4 kernel_size=(tuple 9 9) strides=(tuple 1 2) padding="valid")',
    ],
    ['MaxPooling2D((2, 2))', 'MaxPooling2D', false, '(call MaxPooling2D (tuple 2 2))'],
    ['bottleneck(filters=64)', 'bottleneck', false, '(call bottleneck filters=64)'],
    [`layers.Conv2D(32, 3, activation="relu", name='feat')`, 'layers.Conv2D', false, '(call layers.Conv2D 32 3 activation="relu" name="feat")'],
    ['tf.keras.layers.Dense(10)', 'tf.keras.layers.Dense', false, '(call tf.keras.layers.Dense 10)'],
    ['Dense(64, activation="relu",)', 'Dense', false, '(call Dense 64 activation="relu")'],
    ['Conv2D(32, (3, 3), padding="same", use_bias=False)', 'Conv2D', false, '(call Conv2D 32 (tuple 3 3) padding="same" use_bias=false)'],
    ['ZeroPadding2D(padding=((0, 1), (0, 1)))', 'ZeroPadding2D', false, '(call ZeroPadding2D padding=(tuple (tuple 0 1) (tuple 0 1)))'],
    ['BatchNormalization(epsilon=1.001e-5)', 'BatchNormalization', false, '(call BatchNormalization epsilon=0.00001001)'],
    ['BatchNormalization(momentum=0.99, epsilon=1e-3)', 'BatchNormalization', false, '(call BatchNormalization momentum=0.99 epsilon=0.001)'],
    ['Dropout(0.5)', 'Dropout', false, '(call Dropout 0.5)'],
    ['Conv2D(filters=4 * width, kernel_size=3, padding=mode)', 'Conv2D', false, '(call Conv2D filters=(* 4 width) kernel_size=3 padding=mode)'],
    ['Reshape((-1, 4))', 'Reshape', false, '(call Reshape (tuple (- 1) 4))'],
    ['Input(shape=(None, None, 3))', 'Input', false, '(call Input shape=(tuple None None 3))'],
    ['GlobalAveragePooling2D()', 'GlobalAveragePooling2D', false, '(call GlobalAveragePooling2D)'],
    [`Conv2D(\n  64,\n  3,\n)`, 'Conv2D', false, '(call Conv2D 64 3)'],
  ])('%s', (source, callee, bare, expected) => {
    const { value, errors } = parseCallStep(source);
    expect(errors).toEqual([]);
    expect(value?.callee).toBe(callee);
    expect(value?.bare).toBe(bare);
    expect(sexpr(value!)).toBe(expected);
  });

  it('keeps the offsets of each keyword argument', () => {
    const source = "Conv2D(32, name='feat')";
    const { value } = parseCallStep(source);
    const kwarg = value!.kwargs[0]!;
    expect(source.slice(kwarg.start, kwarg.end)).toBe("name='feat'");
    expect(source.slice(kwarg.value.start, kwarg.value.end)).toBe("'feat'");
  });

  it.each([
    ['3', 'not the number 3'],
    ["'relu'", 'not a string'],
    ['(1, 2)', 'not a tuple'],
    ['a + b', 'not an expression'],
  ])('rejects %s, which is not a name or a call', (source, fragment) => {
    const { value, errors } = parseCallStep(source);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('expr-syntax');
    expect(errors[0]!.message).toContain(fragment);
  });
});

describe('syntax errors: messages and positions', () => {
  it.each([
    ['Conv2D(32, 3))', 13, 14, "unmatched ')' at column 14"],
    ['Conv2D(filters=, 3)', 15, 16, "unexpected ',' at column 16: expected an expression"],
    ['Conv2D(32 3)', 10, 11, "unexpected number 3 at column 11: expected ',' or ')'"],
    ['Conv2D(filters=4 kernel_size=3)', 17, 28, "unexpected name 'kernel_size' at column 18: expected ',' or ')'"],
    ['Conv2D(32, 3', 12, 12, "unexpected end of input at column 13: expected ',' or ')'"],
    ['Conv2D(32,', 10, 10, "unexpected end of input at column 11: expected an expression or ')'"],
    ['[1, 2', 5, 5, "unexpected end of input at column 6: expected ',' or ']'"],
    ['2 +', 3, 3, 'unexpected end of input at column 4: expected an expression'],
    ['* 2', 0, 1, "unexpected '*' at column 1: expected an expression"],
    ['(1 + 2))', 7, 8, "unmatched ')' at column 8"],
    ['a if b', 6, 6, "unexpected end of input at column 7: expected 'else'"],
    ['a b', 2, 3, "unexpected name 'b' at column 3: expected an operator or the end of the expression"],
    ['x[0;1]', 3, 4, "unexpected character ';' at column 4"],
    ['a = 1', 2, 3, "unexpected '=' at column 3: use '==' to compare"],
    ["padding='valid", 8, 14, 'unterminated string starting at column 9'],
    ['4 $ 2', 2, 3, "unexpected character '$' at column 3"],
    ['a == not b', 5, 8, "'not' cannot be used here without parentheses"],
    ['f(a=1, 2)', 7, 8, 'positional argument follows keyword argument'],
    ['f(a=1, a=2)', 7, 8, "keyword argument repeated: 'a'"],
    ['', 0, 0, 'empty expression'],
    ['   ', 0, 3, 'empty expression'],
    ['1e999', 0, 5, 'the number 1e999 is too large'],
    ['f(\n  1 2)', 7, 8, "unexpected number 2 at column 5: expected ',' or ')'"],
  ])('%j', (source, start, end, message) => {
    const { value, errors } = parseExpression(source);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ start, end });
    expect(errors[0]!.message).toContain(message);
    expect(['expr-syntax', 'expr-value']).toContain(errors[0]!.code);
  });
});

describe('pathological input is an error, not a crash', () => {
  it.each([
    ['deep parentheses', '('.repeat(300) + '1' + ')'.repeat(300)],
    ['deep lists', '['.repeat(300) + ']'.repeat(300)],
    ['deep calls', 'f('.repeat(300) + ')'.repeat(300)],
    ['many signs', '-'.repeat(3000) + '1'],
    ['many nots', 'not '.repeat(1000) + 'x'],
    ['nested conditionals', 'a if b else '.repeat(500) + 'c'],
    ['a long power tower', '2' + ' ** 2'.repeat(1000)],
  ])('%s', (_label, source) => {
    const { value, errors } = parseExpression(source);
    expect(value).toBeUndefined();
    expect(errors[0]!.message).toContain('nested too deeply');
  });

  it('accepts 150 levels of nesting', () => {
    expect(parseExpression('('.repeat(150) + '1' + ')'.repeat(150)).errors).toEqual([]);
    expect(parseExpression('f('.repeat(150) + ')'.repeat(150)).errors).toEqual([]);
  });

  it('rejects sources longer than 10,000 characters', () => {
    const { errors } = parseExpression('1+'.repeat(5001) + '1');
    expect(errors[0]!.message).toContain('too long');
  });

  it('parses a long flat chain', () => {
    expect(parseExpression('1+'.repeat(4000) + '1').errors).toEqual([]);
  });
});
