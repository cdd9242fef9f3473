/**
 * `npm run serve -- [--port N] [--data-dir DIR]`: web mode from the command line. Prints exactly one line with the
 * address (token included) once requests are accepted; Ctrl-C or SIGTERM cancels running jobs and closes the
 * database before exiting.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebServer } from './web-server.ts';

export const ADDRESS_LINE_PREFIX = 'Spikegen Studio web UI: ';

/** Where the app keeps its state when no --data-dir is given (the Electron app uses its userData folder). */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Spikegen Studio');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Spikegen Studio');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'spikegen-studio');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' } }, allowPositionals: false });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${values.port}"`);
    process.exit(2);
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const server = await startWebServer({ port, dataDir });
  console.log(`${ADDRESS_LINE_PREFIX}${server.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: cancelling running jobs and closing the database...`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
  console.error(`Spikegen Studio could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
