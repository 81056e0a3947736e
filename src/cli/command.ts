// What a CLI subcommand is: its flags, its help, and a run function that returns the exit code.
import type { ParseArgsConfig } from 'node:util';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal: progress output and colour only then. */
  isTTY: boolean;
  cwd: string;
  readStdin(): Promise<string>;
}

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: OptionValues, positionals: string[], io: CliIO): Promise<number>;
}

/** Exit codes: 0 success, 1 invalid input (diagnostics printed), 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** A usage error: printed with the command's usage line, exit 2. */
export { UsageError } from '../diagnostics/usage-error.js';
