/**
 * The `spikegen` command line: one subcommand per file. Exit codes: 0 success, 1 failure, 2 bad input.
 */
import { describeError, EXIT_BAD_INPUT, EXIT_FAILED, UsageError } from './errors.ts';
import { GROUND_TRUTH_USAGE, groundTruthCommand } from './ground-truth-command.ts';
import { FolderExistsError } from '../../app/formats/atomic-folder.ts';

type Command = (argv: string[], log: (s: string) => void, err: (s: string) => void) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  'ground-truth': { run: groundTruthCommand, usage: GROUND_TRUTH_USAGE },
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
  const cmd = COMMANDS[name];
  if (!cmd) {
    err(`spikegen: unknown command "${name}".\n${usage()}`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await cmd.run(rest, log, err);
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
