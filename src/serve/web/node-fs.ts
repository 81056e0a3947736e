// node:fs in the browser bundle: the page hands analyzeText its own readFile (gallery files), so
// the loader's default file reader must never run here.

function unavailable(): never {
  throw new Error('files on disk are not available in the browser (extends works for gallery files and the served spec)');
}

export const readFileSync = unavailable;
export const statSync = unavailable;
export const existsSync = (): boolean => false;

export default { readFileSync, statSync, existsSync };
