// The frame arithmetic: canvas padding, the readable-text check at slide width, and scoring.
import { describe, expect, it } from 'vitest';
import { fillRatio, fitsFrame, frameCanvas, frameFor, scoreScene, shownFontPx } from '../../src/render/frame.js';

describe('frame', () => {
  it.each([
    // [fit, scene w, scene h, canvas w, canvas h]
    ['16:9', 1600, 900, 1600, 900],
    ['16:9', 800, 900, 1600, 900],
    ['16:9', 3200, 900, 3200, 1800],
    ['4:3', 400, 300, 400, 300],
    ['4:3', 400, 600, 800, 600],
    ['none', 123, 4567, 123, 4567],
  ] as const)('%s pads %s×%s to %s×%s, centred', (fit, w, h, cw, ch) => {
    const canvas = frameCanvas({ width: w, height: h }, frameFor(fit));
    expect(canvas.width).toBeCloseTo(cw, 9);
    expect(canvas.height).toBeCloseTo(ch, 9);
    expect(canvas.dx).toBeCloseTo((cw - w) / 2, 9);
    expect(canvas.dy).toBeCloseTo((ch - h) / 2, 9);
  });

  it('judges text as shown 1,920 px wide: 11-unit text is 12 px on a canvas 1,760 units wide', () => {
    const frame = frameFor('16:9');
    expect(shownFontPx({ width: 1760, height: 990, minFont: 11 }, frame)).toBeCloseTo(12, 9);
    expect(fitsFrame({ width: 1760, height: 990, minFont: 11 }, frame)).toBe(true);
    expect(fitsFrame({ width: 1761, height: 990, minFont: 11 }, frame)).toBe(false);
    // A tall scene is padded sideways: its height decides.
    expect(fitsFrame({ width: 100, height: 1000, minFont: 11 }, frame)).toBe(false);
    expect(fitsFrame({ width: 1e6, height: 1e6, minFont: 11 }, frameFor('none'))).toBe(true);
  });

  it('scores every readable scene above every unreadable one, then by fill', () => {
    const frame = frameFor('16:9');
    const fullReadable = { width: 1600, height: 900, minFont: 11 };
    const thinReadable = { width: 1600, height: 90, minFont: 11 };
    const fullTiny = { width: 16000, height: 9000, minFont: 11 };
    expect(fillRatio(fullReadable, frame)).toBeCloseTo(1, 9);
    expect(fillRatio(thinReadable, frame)).toBeCloseTo(0.1, 9);
    expect(scoreScene(fullReadable, frame)).toBeGreaterThan(scoreScene(thinReadable, frame));
    expect(scoreScene(thinReadable, frame)).toBeGreaterThan(scoreScene(fullTiny, frame));
    expect(scoreScene(fullTiny, frame)).toBeGreaterThan(scoreScene({ width: 32000, height: 18000, minFont: 11 }, frame));
  });
});
