/**
 * What `spikegen generate` and `spikegen hybrid` share: their flags (`--out`, `--workers`, `--dtype`,
 * `--chunk-seconds`, `--overwrite`), checked into numbers with sentences, and Ctrl-C / SIGTERM turned into a cancel
 * of the running job (which removes the partial dataset).
 */
import { UsageError } from './errors.ts';

export const GENERATION_OPTIONS = {
  out: { type: 'string', short: 'o' }, workers: { type: 'string' }, dtype: { type: 'string' },
  'chunk-seconds': { type: 'string' }, overwrite: { type: 'boolean', default: false },
} as const;

export interface GenerationFlags {
  presetPath: string;
  out: string;
  workers?: number;
  chunkSeconds?: number;
  dtype?: 'int16' | 'float32';
  overwrite: boolean;
}

function positiveNumber(flag: string, v: unknown, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`${flag} must be a positive ${integer ? 'whole ' : ''}number, not "${String(v)}"`);
  return n;
}

export function parseGenerationFlags(values: Record<string, unknown>, positionals: string[], usage: string): GenerationFlags {
  if (positionals.length !== 1) throw new UsageError(`give exactly one preset file: ${usage}`);
  if (typeof values.out !== 'string' || !values.out) throw new UsageError(`give the output folder with --out: ${usage}`);
  const dtype = values.dtype;
  if (dtype !== undefined && dtype !== 'int16' && dtype !== 'float32') throw new UsageError(`--dtype must be int16 or float32, not "${String(dtype)}"`);
  return {
    presetPath: positionals[0], out: values.out, dtype: dtype as GenerationFlags['dtype'], overwrite: values.overwrite === true,
    workers: positiveNumber('--workers', values.workers, true),
    chunkSeconds: positiveNumber('--chunk-seconds', values['chunk-seconds'], false),
  };
}

/** Runs `body` with an AbortSignal that Ctrl-C (SIGINT) and SIGTERM trigger; the handlers are removed afterwards. */
export async function withCancellation<T>(err: (s: string) => void, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    err('\ncancelling: stopping the workers and removing the partial dataset...');
    controller.abort(new Error('cancelled by the user (Ctrl-C)'));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await body(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
