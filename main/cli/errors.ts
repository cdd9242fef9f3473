/**
 * How the CLI ends: exit 0 on success, 1 when the work failed, 2 when the input (preset, arguments) is wrong.
 * Messages are sentences; a stack trace is printed only with SPIKEGEN_DEBUG=1.
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return process.env.SPIKEGEN_DEBUG ? String(e.stack) : e.message;
  return String(e);
}
