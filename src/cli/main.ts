// The `netspec` command: dispatches to one module per subcommand, each loaded only when used
// (so `summary` never loads TensorFlow.js or the renderer).
import { readFileSync } from 'node:fs';
import { didYouMean } from '../diagnostics/format.js';
import { commandHelp } from './help.js';
import { parseArgs } from 'node:util';
import { printableProgress, printableText } from '../diagnostics/printable.js';
import { decodeText, readCappedStream } from '../io/read-file.js';
import { MAX_SOURCE_BYTES } from '../spec/yaml-tree.js';
import { DiagnosticBag, DiagnosticError } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';
import { isSystemError, systemReason } from '../diagnostics/io-error.js';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command, type OptionValues } from './command.js';

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  summary: () => import('./commands/summary.js'),
  check: () => import('./commands/check.js'),
  explain: () => import('./commands/explain.js'),
  diagram: () => import('./commands/diagram.js'),
  compile: () => import('./commands/compile.js'),
  predict: () => import('./commands/predict.js'),
  serve: () => import('./commands/serve.js'),
  import: () => import('./commands/import.js'),
};

const SUMMARIES: Record<string, string> = {
  summary: 'layer table with shapes, parameters, MACs, receptive field',
  check: 'validate specs, including their expect: figures',
  explain: 'every number with its formula',
  diagram: 'SVG or PNG diagram for slides (graph or stacked feature maps)',
  compile: 'TensorFlow.js model.json + weights, or a TypeScript module',
  predict: 'run the compiled model on an image, JSON or CSV input',
  serve: 'local playground page: live editor, summary, diagrams, exports',
  import: 'a saved Keras model (JSON, .keras, tfjs model.json) as a spec',
};

export function nodeIO(): CliIO {
  return {
    // Everything printed passes one sanitiser: control characters from a spec (a name holding
    // ESC ]0; or ESC [2J) are shown escaped, never obeyed by the terminal.
    stdout: (t) => void process.stdout.write(printableText(t)),
    stderr: (t) => void process.stderr.write(printableProgress(t)),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    // Capped: `yes | netspec summary -` stops at the limit instead of filling memory.
    readStdin: async () => decodeText(await readCappedStream(process.stdin, MAX_SOURCE_BYTES)),
  };
}

function help(): string {
  const lines = Object.keys(COMMANDS).map((name) => `  ${name.padEnd(9)} ${SUMMARIES[name] ?? ''}`);
  return [
    'netspec — neural networks in YAML: exact shapes and parameters, TensorFlow.js models, diagrams',
    '',
    'Usage: netspec <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `netspec <command> --help` for a command's options.",
    '',
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliIO = nodeIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(help());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(version() + '\n');
    return EXIT_OK;
  }
  const loader = COMMANDS[name];
  if (!loader) {
    const guess = didYouMean(name, Object.keys(COMMANDS));
    io.stderr(`netspec: unknown command '${name}'${guess ? ` — ${guess}` : ''}\n\n${help()}`);
    return EXIT_USAGE;
  }
  const { command } = await loader();
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' }, force: command.options.force ?? { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(commandHelp(command));
      return EXIT_OK;
    }
    return await command.run(values as OptionValues, positionals, io);
  } catch (err) {
    return reportFailure(err, command, io);
  }
}

/** node:util's "Unknown option '--dpeth'. To specify a positional…" → one line with a did-you-mean. */
function usageMessage(err: Error, command: Command): string {
  const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(err.message);
  if (!unknown) return err.message;
  const guess = didYouMean(unknown[2]!, [...Object.keys(command.options), 'help']);
  return `unknown option '${unknown[1]}${unknown[2]}'${guess ? ` — ${guess.replace(/'([^']+)'/, "'--$1'")}` : ''}`;
}

function reportFailure(err: unknown, command: Command, io: CliIO): number {
  // A diagnostic or an ordinary file-system failure (EACCES, ENOSPC, …) is about the user's input
  // or machine, not a netspec bug: say it plainly, exit 1.
  if (err instanceof DiagnosticError || isSystemError(err)) {
    const diagnostic =
      err instanceof DiagnosticError
        ? err
        : new DiagnosticError('io', `${err.syscall ?? 'file operation'} ${err.path ?? ''} failed: ${systemReason(err)}`.replace('  ', ' '));
    io.stderr(formatDiagnostic(new DiagnosticBag().fromError(diagnostic, { file: `netspec ${command.name}` })) + '\n');
    return EXIT_INVALID;
  }
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(
      `netspec ${command.name}: ${usageMessage(err as Error, command)}\nUsage: ${command.usage}\nRun \`netspec ${command.name} --help\` for every option.\n`,
    );
    return EXIT_USAGE;
  }
  // Anything else is our bug, not the user's input: one line, no stack trace unless asked for.
  io.stderr(`netspec ${command.name}: internal error: ${(err as Error).message}\n`);
  if (process.env.NETSPEC_DEBUG) io.stderr(`${(err as Error).stack}\n`);
  return EXIT_INVALID;
}
