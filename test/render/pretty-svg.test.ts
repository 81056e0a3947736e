// The review form of the golden SVGs (pretty-svg.ts): one element per line, attributes in name order,
// text kept exactly, and back to what the renderer wrote for drawing.
import { describe, expect, it } from 'vitest';
import { compactSvg, prettySvg } from './pretty-svg.js';

const ONE_LINE =
  '<svg width="10" height="5" xmlns="http://www.w3.org/2000/svg"><g class="a"><rect y="1" x="0" /><text y="2" x="1"><tspan font-size="16">  two  spaces</tspan></text></g><g data-id="a&gt;b" class="b"></g></svg>';

describe('prettySvg', () => {
  it('puts one element on a line, indented by depth, with attributes in name order', () => {
    expect(prettySvg(ONE_LINE)).toBe(
      [
        '<svg height="5" width="10" xmlns="http://www.w3.org/2000/svg">',
        '  <g class="a">',
        '    <rect x="0" y="1" />',
        '    <text x="1" y="2">',
        '      <tspan font-size="16">  two  spaces</tspan>',
        '    </text>',
        '  </g>',
        '  <g class="b" data-id="a&gt;b"></g>',
        '</svg>',
        '',
      ].join('\n'),
    );
  });

  it('is its own normal form, and compactSvg gives back the one-line text', () => {
    const pretty = prettySvg(ONE_LINE);
    expect(prettySvg(pretty)).toBe(pretty);
    expect(prettySvg(compactSvg(pretty))).toBe(pretty);
    expect(compactSvg(pretty)).toBe(
      prettySvg(ONE_LINE)
        .split('\n')
        .map((l) => l.trim())
        .join(''),
    );
  });

  it('reads a ">" inside a quoted value, and refuses what is not name="value"', () => {
    expect(prettySvg('<g title="a>b" id="x"></g>')).toBe('<g id="x" title="a>b"></g>\n');
    expect(() => prettySvg('<rect hidden x="1" />')).toThrow('cannot read the attributes');
  });
});
