import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BundleMissingError, startServer } from '../../serve/server.js';
import { EXIT_INVALID, EXIT_OK, UsageError, type Command } from '../command.js';

export const DEFAULT_PORT = 8080;

export function parsePort(value: unknown): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(String(value)) || port < 0 || port > 65535)
    throw new UsageError(`--port expects a port number 0–65535 (0 picks a free one), got '${String(value)}'`);
  return port;
}

/** How long stopping may take before the command returns anyway (the server drops every connection at once). */
const STOP_DEADLINE_MS = 800;

/** Resolves on Ctrl+C or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const deadline = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

export const command: Command = {
  name: 'serve',
  summary: 'Local playground page: YAML editor with live diagnostics, summary table and diagrams (127.0.0.1 only).',
  usage: 'netspec serve [spec.yaml] [--port N]',
  options: { port: { type: 'string', short: 'p' } },
  async run(values, positionals, io) {
    if (positionals.length > 1) throw new UsageError('serve takes at most one spec file');
    const port = parsePort(values.port);
    const specPath = positionals[0] === undefined ? undefined : resolve(io.cwd, positionals[0]);
    const problem = specPath === undefined ? undefined : fileProblem(specPath);
    if (problem) throw new UsageError(`${positionals[0]}: ${problem}`);
    if (specPath !== undefined && !/\.ya?ml$/i.test(specPath)) throw new UsageError(`${positionals[0]}: the playground follows .yaml and .yml files only`);
    let server;
    try {
      server = await startServer({ port, ...(specPath ? { specPath } : {}) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use; choose another with --port (0 picks a free one)`);
      if (code === 'EACCES') throw new UsageError(`port ${port} needs privileges; choose a port above 1023`);
      if (err instanceof BundleMissingError) {
        io.stderr(`netspec serve: ${err.message}\n`);
        return EXIT_INVALID;
      }
      throw err;
    }
    io.stdout(`netspec: serving ${server.url}${specPath ? ` (following ${positionals[0]})` : ''} — Ctrl+C to stop\n`);
    await untilStopped();
    await Promise.race([server.close(), deadline(STOP_DEADLINE_MS)]);
    return EXIT_OK;
  },
};

/** Why `path` cannot be followed, or undefined when it is a regular file. */
function fileProblem(path: string): string | undefined {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return 'is a directory; give a spec file';
    return stats.isFile() ? undefined : 'is not a regular file';
  } catch {
    return 'no such file';
  }
}
