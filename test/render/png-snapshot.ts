// PNG snapshots a person can look at: the committed image is compared pixel by pixel with a fresh
// rendering, with a small tolerance (another build of the font rasteriser may shade an edge pixel a
// little differently). A mismatch names the file and the share of pixels that differ, and writes
// the new image beside it as `<name>.actual.png` (git-ignored) for review.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PNG } from 'pngjs';

/** A pixel differs when one of its channels differs by more than this (of 255). */
export const CHANNEL_TOLERANCE = 16;
/** The share of differing pixels that still passes (5 of a 910×512 slide): one changed comma in a label is 14. */
export const MAX_DIFFERING_SHARE = 0.00001;

/** Share of pixels that differ beyond the tolerance; 1 when the sizes differ. */
export function differingPixels(a: Uint8Array, b: Uint8Array): number {
  const left = PNG.sync.read(Buffer.from(a));
  const right = PNG.sync.read(Buffer.from(b));
  if (left.width !== right.width || left.height !== right.height) return 1;
  let differing = 0;
  for (let i = 0; i < left.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(left.data[i + c]! - right.data[i + c]!) > CHANNEL_TOLERANCE) {
        differing++;
        break;
      }
    }
  }
  return differing / (left.width * left.height);
}

const actualPath = (path: string): string => path.replace(/\.png$/, '.actual.png');
const shown = (path: string): string => relative(process.cwd(), path);
const sizeOf = (png: Uint8Array): string => {
  const header = Buffer.from(png.buffer, png.byteOffset, 24);
  return `${header.readUInt32BE(16)}×${header.readUInt32BE(20)}`;
};

/**
 * Undefined when `png` matches the snapshot at `path`; otherwise the message to fail with. With
 * `update` (vitest -u) a differing snapshot is replaced instead. A missing one is written, and the
 * test fails unless updating: a snapshot is committed after someone has looked at it.
 */
export function checkPngSnapshot(png: Uint8Array, path: string, update: boolean): string | undefined {
  const actual = actualPath(path);
  if (!existsSync(path)) {
    writeFileSync(path, png);
    return update ? undefined : `${shown(path)}: there was no snapshot; wrote one — look at it, then commit it`;
  }
  const stored = readFileSync(path);
  const share = differingPixels(stored, png);
  if (share <= MAX_DIFFERING_SHARE || update) {
    if (update && share > 0) writeFileSync(path, png);
    rmSync(actual, { force: true });
    return undefined;
  }
  writeFileSync(actual, png);
  const what =
    sizeOf(stored) !== sizeOf(png)
      ? `the size changed from ${sizeOf(stored)} to ${sizeOf(png)} px`
      : `${(share * 100).toFixed(3)}% of its pixels differ (at most ${(MAX_DIFFERING_SHARE * 100).toFixed(3)}% may)`;
  return `${shown(path)}: ${what}; the new rendering is ${shown(actual)} — look at both, and if the change is meant, update with \`npx vitest run test/render/golden -u\``;
}
