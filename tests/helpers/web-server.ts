/**
 * Starts the web-mode server for a test as its own Node process (`node --import tsx main/server/serve.ts`), reads
 * the one address line it prints, and stops exactly that process afterwards (no npx wrapper that would leave the
 * child running). The renderer is built first when it is missing or stale.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADDRESS_PREFIX = 'Spikegen Studio web UI: ';

let built = false;

/** Builds dist/renderer once per test process (build/ensure-renderer.mjs skips the build when it is fresh). */
export function ensureRendererBuilt(): void {
  if (built) return;
  const script = join(ROOT, 'build/ensure-renderer.mjs');
  const args = existsSync(script)
    ? [script]
    : [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'renderer/vite.config.ts')];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the renderer build failed:\n${r.stderr}\n${r.stdout}`);
  if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) throw new Error('the renderer build left no dist/renderer/index.html');
  built = true;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  pid: number;
  /** performance.now() just before the process was spawned */
  spawnedAt: number;
  /** everything the server wrote to stderr so far (for failure messages) */
  stderr(): string;
  stop(): Promise<void>;
}

export async function startWebServer(dataDir: string, timeoutMs = 30_000): Promise<RunningServer> {
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/server/serve.ts'), '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`the server printed no address within ${timeoutMs} ms\n${err}`)); }, timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith(ADDRESS_PREFIX));
      if (line) { clearTimeout(timer); resolve(line.slice(ADDRESS_PREFIX.length).trim()); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (code ${code}) before printing its address\n${err}`)); });
  });
  const u = new URL(url);
  return {
    url, token: u.searchParams.get('token') ?? '', port: Number(u.port), pid: child.pid!, spawnedAt,
    stderr: () => err,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => { clearTimeout(force); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}
