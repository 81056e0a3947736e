// The playground server's bounds, in one place (documented in README.md, "Playground").

/** The followed spec, each file of its `extends` chain, and a saved text: at most this many bytes. */
export const MAX_SPEC_BYTES = 2 * 1024 * 1024;
/** All files of an `extends` chain together (the page holds them all); how many files: MAX_EXTENDS_CHAIN, as everywhere. */
export const MAX_CHAIN_BYTES = 8 * 1024 * 1024;
/** Requests being answered at once (event streams not counted); beyond it: 503 and Retry-After. */
export const MAX_ACTIVE_REQUESTS = 32;
/** Open pages following the file (server-sent event streams). */
export const MAX_EVENT_STREAMS = 16;
/** Bytes a page may leave unread on its event stream before it is dropped (it reconnects). */
export const MAX_UNREAD_EVENT_BYTES = 8 * 1024 * 1024;
/** How often the followed files are stat'ed (a backstop for what fs.watch misses: a folder deleted and recreated). */
export const POLL_MS = 300;
/** Saves arrive as several file-system events; one read after they settle. */
export const SETTLE_MS = 40;
