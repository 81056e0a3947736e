// node:fs in the browser bundle: the page hands analyzeText its own readFile (gallery files and the
// served spec's chain), so the loader's file reading must never run here; each function throws.
// (realpathSync throwing is what the loader expects of a path it cannot resolve.) Any node:fs name
// the library imports must be listed here, or the page bundle does not build.

function unavailable(): never {
  throw new Error('files on disk are not available in the browser (extends works for gallery files and the served spec)');
}

export const readFileSync = unavailable;
export const statSync = unavailable;
export const realpathSync = unavailable;
export const openSync = unavailable;
export const fstatSync = unavailable;
export const readSync = unavailable;
export const closeSync = unavailable;
export const existsSync = (): boolean => false;
export const constants = { O_RDONLY: 0, O_NONBLOCK: 0 };

export default { readFileSync, statSync, realpathSync, openSync, fstatSync, readSync, closeSync, existsSync, constants };
