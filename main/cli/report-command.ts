/**
 * `spikegen report <dataset-dir>`: writes <dataset-dir>/report.html — the same self-contained report the app
 * writes (drift, raster, templates, traces, preset summary), drawn as SVG without a browser.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeReport } from '../services/reports/build-report.ts';
import { openDatasetSource } from '../services/traces/dataset-source.ts';
import { EXIT_OK, UsageError } from './errors.ts';

export const REPORT_USAGE = 'spikegen report <dataset-dir>';

export async function reportCommand(argv: string[], log: (s: string) => void): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(`give exactly one dataset folder: ${REPORT_USAGE}`);
  const dir = resolve(positionals[0]);
  if (!existsSync(join(dir, 'dataset.json'))) throw new UsageError(`${dir} has no dataset.json: give the folder of a dataset made by \`spikegen generate\` or the app`);
  const r = writeReport(openDatasetSource(dir));
  log(`Report written to ${r.path} (${(r.bytes / 1024).toFixed(0)} kB, figures: ${r.figures.join(', ')})`);
  return EXIT_OK;
}
