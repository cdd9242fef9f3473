/**
 * Starts `main/server/serve.ts` as its own node process (what `npm run serve` runs after the renderer check) and
 * waits for its one address line. Tests stop it by its PID — never through npm, which would leave the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const ADDRESS_LINE = /^Spikegen Studio web UI: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/;

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  origin: string;
  port: number;
  token: string;
  /** ms from spawn to the address line */
  startupMs: number;
  stdoutLines: string[];
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startServeProcess(dataDir: string, timeoutMs = 30_000): Promise<ServeProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/server/serve.ts', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  const stdoutLines: string[] = [];
  child.stderr!.on('data', (d) => { stderr += d; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no address line within ${timeoutMs} ms; stderr: ${stderr}`)); }, timeoutMs);
    const early = (code: number | null) => { clearTimeout(timer); reject(new Error(`serve exited with ${code} before printing its address; stderr: ${stderr}`)); };
    child.once('exit', early);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const lines = stdout.split('\n');
      stdout = lines.pop()!;
      for (const line of lines) {
        stdoutLines.push(line);
        const m = ADDRESS_LINE.exec(line);
        if (!m) continue;
        clearTimeout(timer);
        child.off('exit', early);
        resolve({
          child, url: m[1], origin: `http://127.0.0.1:${m[2]}`, port: Number(m[2]), token: m[3], startupMs: performance.now() - t0,
          stdoutLines, stderr: () => stderr,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}
