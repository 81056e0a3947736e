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
  /** Set when the served file could not be read. */
  error?: string;
}
