// What the playground page exposes to the end-to-end tests (src/serve/web/main.ts sets it).
export {};

declare global {
  interface Window {
    netspec: { timings: { analysed: number; table: number; total: number }[]; idle(): boolean; text(): string };
  }
}
