/**
 * The `spikegen` command line: one subcommand per file, loaded only when used (a ground-truth run does not
 * pay for the worker pool's imports). Exit codes: 0 success, 1 failure, 2 bad input.
 */
import { describeError, EXIT_BAD_INPUT, EXIT_FAILED, UsageError } from './errors.ts';
import { FolderExistsError } from '../../app/formats/atomic-folder.ts';

type Command = (argv: string[], log: (s: string) => void, err: (s: string) => void) => Promise<number>;

const COMMANDS: Record<string, { load: () => Promise<Command>; usage: string }> = {
  'ground-truth': {
    load: async () => (await import('./ground-truth-command.ts')).groundTruthCommand,
    usage: 'spikegen ground-truth <preset.json> --out <dir> [--overwrite]',
  },
  generate: {
    load: async () => (await import('./generate-command.ts')).generateCommand,
    usage: 'spikegen generate <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S] [--overwrite] [--kilosort] [--spikeglx]',
  },
  hybrid: { load: async () => (await import('./hybrid-command.ts')).hybridCommand, usage: 'spikegen hybrid <preset.json> --out <dir> [--workers N] [--dtype int16|float32] [--chunk-seconds S] [--overwrite] [--exact-templates]' },
  report: {
    load: async () => (await import('./report-command.ts')).reportCommand,
    usage: 'spikegen report <dataset-dir>',
  },
  preview: {
    load: async () => (await import('./preview-command.ts')).previewCommand,
    usage: 'spikegen preview <preset.json> --start S --end S --out window.npy [--recording drifting|static|noise]',
  },
};

function usage(): string {
  return ['Usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

export async function main(argv: string[], log = (s: string) => console.log(s), err = (s: string) => console.error(s)): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    log(usage());
    return name ? 0 : EXIT_BAD_INPUT;
  }
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) {
    err(`spikegen: unknown command "${name}".\n${usage()}`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await (await cmd.load())(rest, log, err);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`spikegen ${name}: ${(e as Error).message}`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof FolderExistsError) {
      err(`spikegen ${name}: ${e.message}`);
      return EXIT_BAD_INPUT;
    }
    err(`spikegen ${name} failed: ${describeError(e)}`);
    return EXIT_FAILED;
  }
}
