// Where specs come from: the gallery (specs/ and examples/, served read-only) and, when
// `netspec serve` was given a file, that file, pushed again each time it changes on disk, and saved
// back to it.
import { followExtendsAsync } from '../../spec/extends-chain.js';
import { baseNameOfText } from '../../spec/extends-value.js';
import { SAVE_BASE_HEADER, SAVE_TOKEN_HEADER, type GalleryItem, type GalleryListing, type SaveReply, type SpecPayload } from '../protocol.js';

export type { SpecPayload, GalleryItem, GalleryListing, SaveReply };

export async function fetchGallery(): Promise<GalleryListing> {
  const response = await fetch('/api/gallery');
  if (!response.ok) throw new Error(`gallery: HTTP ${response.status}`);
  return (await response.json()) as GalleryListing;
}

/**
 * A gallery spec and the gallery files its `extends` chain names, keyed by their page paths, walked
 * as the analysis walks it; a base that cannot be fetched ends the chain, and the analysis reports it.
 */
export async function fetchGallerySpec(item: GalleryItem): Promise<SpecPayload> {
  const text = await fetchText(item.path);
  const chain = await followExtendsAsync({ path: item.path, text }, { baseOf: baseNameOfText }, fetchText);
  return { name: item.name, file: item.path, text, related: Object.fromEntries(chain.files.slice(1).map((f) => [f.path, f.text])) };
}

async function fetchText(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

/** Seconds before following again when the server refused the stream (503: too many pages). */
const REFUSED_RETRY_MS = 5000;

/** The served file, now and after every save; returns a function that stops following. */
export function followServedSpec(onSpec: (spec: SpecPayload) => void, onState: (connected: boolean) => void): () => void {
  let events: EventSource;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = (): void => {
    events = new EventSource('/api/events');
    events.addEventListener('spec', (event) => onSpec(JSON.parse((event as MessageEvent<string>).data) as SpecPayload));
    events.addEventListener('open', () => onState(true));
    events.addEventListener('error', () => {
      onState(false);
      // The browser reconnects by itself after a dropped connection, but not after a refusal.
      if (events.readyState === EventSource.CLOSED && !stopped) retry = setTimeout(open, REFUSED_RETRY_MS);
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    events.close();
  };
}

/** Writes `text` over the followed file, if it is still at version `base` on disk. */
export async function saveServedSpec(text: string, base: string, token: string): Promise<SaveReply> {
  let response: Response;
  try {
    response = await fetch('/api/save', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain; charset=utf-8', [SAVE_TOKEN_HEADER]: token, [SAVE_BASE_HEADER]: base },
      body: text,
    });
  } catch {
    return { ok: false, message: 'not saved: the server is not reachable (is `netspec serve` still running?)' };
  }
  if (response.headers.get('content-type')?.startsWith('application/json')) return (await response.json()) as SaveReply;
  return { ok: false, message: `not saved: ${(await response.text()).trim() || `HTTP ${response.status}`}` };
}
