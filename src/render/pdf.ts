// Vector PDF from the diagram's SVG: pdfkit writes the page, svg-to-pdfkit draws the SVG onto it, and
// text stays text (selectable, searchable) in DejaVu Sans when the system has it, else Helvetica.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

/** Where DejaVu Sans lives on Debian/Ubuntu, Fedora, Arch and Homebrew systems. */
const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
  '/opt/homebrew/share/fonts',
  '/usr/local/share/fonts',
];

function dejaVu(): { regular: string; bold: string } | null {
  for (const dir of FONT_DIRS) {
    const regular = `${dir}/DejaVuSans.ttf`;
    const bold = `${dir}/DejaVuSans-Bold.ttf`;
    if (existsSync(regular) && existsSync(bold)) return { regular, bold };
  }
  return null;
}

export interface Pdf {
  data: Uint8Array;
  /** Page size in points (one SVG unit is one point). */
  width: number;
  height: number;
}

export function svgToPdf(svg: string): Promise<Pdf> {
  const box = /<svg[^>]*?\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(svg);
  const width = Number(box?.[1] ?? 595);
  const height = Number(box?.[2] ?? 842);
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Creator: 'netspec', Producer: 'netspec (pdfkit)' } });
  const fonts = dejaVu();
  if (fonts) {
    doc.registerFont('DejaVu', fonts.regular);
    doc.registerFont('DejaVu-Bold', fonts.bold);
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Pdf>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve({ data: new Uint8Array(Buffer.concat(chunks)), width, height }));
    doc.on('error', reject);
  });
  SVGtoPDF(doc, svg, 0, 0, {
    width,
    height,
    assumePt: true,
    fontCallback: (_family: string, bold: boolean) => (fonts ? (bold ? 'DejaVu-Bold' : 'DejaVu') : bold ? 'Helvetica-Bold' : 'Helvetica'),
    warningCallback: () => {},
  });
  doc.end();
  return done;
}
