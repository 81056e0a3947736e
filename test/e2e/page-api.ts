// What the playground page exposes to the end-to-end tests (src/serve/web/main.ts sets it).
import type { UpdateTiming } from '../../src/serve/web/timing.js';

declare global {
  interface Window {
    netspec: { timings: UpdateTiming[]; idle(): boolean; text(): string };
  }
}
