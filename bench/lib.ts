// Shared benchmark helpers: run a measurement in a fresh child process (so peak RSS is the run's own),
// repeat, take medians, and record results as JSON under bench/results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `node --import tsx <script> <args>` and parses the last stdout line as JSON. */
export function runChild<T>(script: string, args: string[], extraNodeArgs: string[] = []): T {
  const r = spawnSync(process.execPath, [...extraNodeArgs, '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

export function machine() {
  return { node: process.version, cpus: cpus().length, cpu_model: cpus()[0]?.model, total_memory_gb: +(totalmem() / 2 ** 30).toFixed(1), platform: process.platform };
}

export function record(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}${name}.json`;
  writeFileSync(path, JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: machine(), ...data as object }, null, 2) + '\n');
  return path;
}
