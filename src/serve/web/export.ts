// The export buttons: the diagram as SVG or PNG (drawn by the browser at 2×), and the runnable
// model (TensorFlow.js loaded only now, from its own chunk).
import type { IRGraph } from '../../ir/types.js';

export function download(data: Blob, filename: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
}

export function exportSvg(svgText: string, stem: string): void {
  download(new Blob([svgText], { type: 'image/svg+xml' }), `${stem}.svg`);
}

export async function exportPng(svgText: string, stem: string, scale = 2): Promise<void> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svgText);
    const width = Math.ceil(Number(viewBox?.[1] ?? image.width) * scale);
    const height = Math.ceil(Number(viewBox?.[2] ?? image.height) * scale);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(image, 0, 0, width, height);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('the browser could not encode the PNG');
    download(png, `${stem}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportModelFiles(graph: IRGraph): Promise<void> {
  const { exportModel } = await import('./model-export.js');
  const files = await exportModel(graph);
  download(new Blob([files.modelJson], { type: 'application/json' }), 'model.json');
  download(new Blob([files.weights], { type: 'application/octet-stream' }), files.weightsName);
}
