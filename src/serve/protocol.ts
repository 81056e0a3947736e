// What the server and the page exchange as JSON (types only: both sides import this file).

export interface GalleryItem {
  /** `specs`, `examples/lecture`, … */
  group: string;
  name: string;
  /** URL path of the file, e.g. `/gallery/specs/lenet5.yaml`; also its file name in diagnostics. */
  path: string;
}

export interface GalleryListing {
  items: GalleryItem[];
  /** The file given to `netspec serve`, if any. */
  served?: { name: string };
}

export interface SpecPayload {
  name: string;
  /** The spec's path as the page names it (diagnostics and `extends` resolve against it). */
  file: string;
  text: string;
  /** Files of its `extends` chain, by page path. */
  related: Record<string, string>;
  /** `extends` targets the server would not hand out, by page path, with the reason. */
  refused?: Record<string, string>;
  /** Hash of `text` as it is on disk (followed file only; absent when it could not be read). */
  version?: string;
  /** Set when the followed file could not be read (deleted, too large, not a regular file). */
  error?: string;
  /** Per-run secret the page sends with a save (followed file only). */
  token?: string;
}

/** Headers of `POST /api/save`, whose body is the new text (UTF-8). */
export const SAVE_TOKEN_HEADER = 'x-netspec-token';
/** The version the page's text was based on ('' when it never loaded one). */
export const SAVE_BASE_HEADER = 'x-netspec-base';

export type SaveReply =
  | { ok: true; version: string }
  /** `conflict`: the file changed on disk since `base`; here is what is there now. */
  | { ok: false; message: string; conflict?: SpecPayload };
