// Runs the CLI in-process with captured output.
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/command.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { stdin?: string; cwd?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    cwd: options.cwd ?? process.cwd(),
    readStdin: async () => options.stdin ?? '',
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
