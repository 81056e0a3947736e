// A small PDF reader for tests, enough for pdfkit's output: objects, Flate streams, each font's
// ToUnicode map, and the text shown by Tj/TJ — so a test can check that text is real text.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

export function pdfObjects(pdf: Uint8Array): Map<number, PdfObject> {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const dataStart = start + streamAt + 'stream'.length + (text[start + streamAt + 6] === '\r' ? 2 : 1);
    const dataEnd = text.lastIndexOf('endstream', end);
    let data = bytes.subarray(dataStart, dataEnd);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(m[1]), { dict, stream: Buffer.from(data) });
    header.lastIndex = end;
  }
  return objects;
}

const hexChars = (hex: string, width: number): number[] => {
  const codes: number[] = [];
  for (let i = 0; i + width <= hex.length; i += width) codes.push(parseInt(hex.slice(i, i + width), 16));
  return codes;
};
const utf16 = (hex: string) => String.fromCharCode(...hexChars(hex, 4));

/** code → text from a ToUnicode CMap (bfchar and bfrange, both forms). */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(lo + i, utf16(d[1]!)));
      } else {
        const first = parseInt(m[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + c - lo));
      }
    }
  }
  return map;
}

/** The page size from the first MediaBox. */
export function pdfPageSize(pdf: Uint8Array): { width: number; height: number } {
  const m = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(Buffer.from(pdf).toString('latin1'))!;
  return { width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) };
}

/** Every string the page shows, one per Tj/TJ, decoded through its font's ToUnicode map. */
export function pdfStrings(pdf: Uint8Array): string[] {
  const objects = pdfObjects(pdf);
  const fontMaps = new Map<number, Map<number, string>>();
  for (const [id, obj] of objects) {
    const ref = /\/Type\s*\/Font\b[\s\S]*?\/ToUnicode\s+(\d+)\s+0\s+R/.exec(obj.dict);
    const cmap = ref ? objects.get(Number(ref[1]))?.stream : undefined;
    if (cmap) fontMaps.set(id, parseCmap(cmap.toString('latin1')));
  }
  const resourceFonts = new Map<string, number>();
  for (const obj of objects.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(obj.dict);
    if (fonts) for (const m of fonts[1]!.matchAll(/\/(\w+)\s+(\d+)\s+0\s+R/g)) resourceFonts.set(m[1]!, Number(m[2]));
  }
  const strings: string[] = [];
  for (const obj of objects.values()) {
    if (!obj.stream || !/\bBT\b/.test(obj.stream.toString('latin1'))) continue;
    let map: Map<number, string> | undefined;
    for (const op of obj.stream.toString('latin1').matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(<[0-9a-fA-F]*>|\[[^\]]*\])\s*T[jJ]/g)) {
      if (op[1]) {
        map = fontMaps.get(resourceFonts.get(op[1]) ?? -1);
        continue;
      }
      const hexes = [...op[2]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!);
      strings.push(
        hexes
          .flatMap((h) => hexChars(h, 4))
          .map((c) => map?.get(c) ?? '\ufffd')
          .join(''),
      );
    }
  }
  return strings;
}
