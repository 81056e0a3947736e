// Width, height and channels of a PNG or JPEG from its header alone, so an image claiming 20000×20000
// pixels in 69 bytes is refused before a decoder allocates gigabytes for it.

export interface ImageHeader {
  width: number;
  height: number;
  /** 1 gray, 2 gray + alpha, 3 RGB (or a palette), 4 RGBA. */
  channels: number;
}

/** PNG colour types (IHDR byte 9) → channels. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The header, or a sentence saying why the bytes are not a readable image of that format. */
export function readImageHeader(bytes: Uint8Array, format: 'png' | 'jpeg'): ImageHeader | string {
  return format === 'png' ? pngHeader(bytes) : jpegHeader(bytes);
}

function pngHeader(bytes: Uint8Array): ImageHeader | string {
  if (bytes.length < 29 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return 'not a PNG file (no PNG signature)';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return 'not a PNG file (no IHDR header)';
  const channels = PNG_CHANNELS[bytes[25]!];
  if (channels === undefined) return `unknown PNG colour type ${bytes[25]}`;
  return { width: view.getUint32(16), height: view.getUint32(20), channels };
}

/** Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegHeader(bytes: Uint8Array): ImageHeader | string {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return 'not a JPEG file (no start-of-image marker)';
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return 'not a readable JPEG file (a marker is missing)';
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 10 > bytes.length) break;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      const components = bytes[at + 9]!;
      if (components !== 1 && components !== 3) return `a JPEG with ${components} colour components (CMYK?) is not supported: save it as RGB`;
      return { width, height, channels: components };
    }
    if (length < 2) return 'not a readable JPEG file (a bad segment length)';
    at += 2 + length;
  }
  return 'not a readable JPEG file (no frame header)';
}
