/**
 * Progress of a generation on the terminal: a bar with rate and time left (cli-progress) when stderr is a TTY,
 * otherwise one plain line per 10% so logs stay readable.
 */
import cliProgress from 'cli-progress';
import type { GenerationProgress } from '../services/generation/generate-dataset.ts';

function eta(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`;
}

export interface ProgressReporter {
  update(p: GenerationProgress): void;
  stop(): void;
}

export function createProgressReporter(isTty: boolean, write: (line: string) => void): ProgressReporter {
  if (isTty) {
    const bar = new cliProgress.SingleBar({
      format: 'rendering |{bar}| {percentage}% | {value}/{total} chunks | {rate}x real time | {mbs} MB/s | {eta_text} left',
      hideCursor: true, clearOnComplete: false, stream: process.stderr,
    }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update(p) {
        const payload = { rate: p.realtimeFactor.toFixed(1), mbs: (p.bytesWritten / 1e6 / Math.max(p.elapsedSeconds, 1e-9)).toFixed(0), eta_text: eta(p.etaSeconds) };
        if (!started) { bar.start(p.chunksTotal, 0, payload); started = true; }
        bar.update(p.chunksDone, payload);
      },
      stop() { if (started) bar.stop(); },
    };
  }
  let nextDecile = 1;
  return {
    update(p) {
      const fraction = p.chunksDone / p.chunksTotal;
      while (nextDecile <= 10 && fraction >= nextDecile / 10) {
        write(`progress ${nextDecile * 10}%: ${p.chunksDone}/${p.chunksTotal} chunks, ${p.realtimeFactor.toFixed(1)}x real time, `
          + `${(p.bytesWritten / 1e6 / Math.max(p.elapsedSeconds, 1e-9)).toFixed(0)} MB/s, ${eta(p.etaSeconds)} left`);
        nextDecile++;
      }
    },
    stop() { /* nothing to clear */ },
  };
}
