// `netspec <command> --help`: every option with what it does (and its default where it has one),
// and at least two examples, each a real invocation of that command.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command.js';
import { runCli } from './run-cli.js';

const COMMANDS = ['summary', 'check', 'explain', 'diagram', 'compile', 'predict', 'serve'];

describe('--help', () => {
  it.each(COMMANDS)('netspec %s --help lists every option with a description and default, and two examples', async (name) => {
    const { command } = (await import(`../../src/cli/commands/${name}.ts`)) as { command: Command };
    const run = await runCli([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const optionsSection = run.stdout.slice(run.stdout.indexOf('\nOptions:\n'));
    expect(optionsSection.length).toBeGreaterThan(10);
    for (const [option, spec] of Object.entries(command.options)) {
      const line = optionsSection.split('\n').find((l) => new RegExp(`^  (-\\w, |    )--${option}\\b`).test(l));
      expect(line, `--${option} in ${name} --help`).toBeDefined();
      const flagEnd = line!.search(new RegExp(`--${option}\\b`)) + option.length + 2;
      expect(line!.slice(flagEnd).trim().length, `description of --${option}`).toBeGreaterThan(10);
      if (spec.default !== undefined) expect(line).toContain(`default: ${String(spec.default)}`);
    }
    const examples = run.stdout.split('\n').filter((l) => l.startsWith(`  netspec ${name}`));
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it('the examples run: summary and explain examples on files in this repository succeed', async () => {
    for (const name of ['summary', 'explain']) {
      const help = (await runCli([name, '--help'])).stdout;
      for (const line of help.split('\n').filter((l) => l.startsWith(`  netspec ${name} `))) {
        const args = [
          ...line
            .trim()
            .slice('netspec '.length)
            .matchAll(/"[^"]*"|\S+/g),
        ].map((m) => m[0].replace(/^"|"$/g, ''));
        const run = await runCli(args);
        expect(run.code, `${line}\n${run.stderr}`).toBe(0);
      }
    }
  });
});
