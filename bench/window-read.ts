// How fast can the trace viewer read one window of two recordings, cold? (workers/decimate-window.ts.)
// Two worker threads, one per raw file, each read the same window [start, start + frames) of its file at the same
// time, as the viewer's two decimation threads do; the page cache is dropped before every window pair (root only;
// otherwise the numbers are warm ones and say so). Every scheme reads the same random positions (--no-paired: its
// own), schemes interleaved window by window in a rotating order so that a slow disk moment hits them all alike.
// Only the read is timed (the SIMD scan that follows each block takes about 1.3 ms per 23 MB window). The disk of
// these VMs changes speed from minute to minute (O_DIRECT was 0.63× the buffered time in one run, 1.2× in the
// next): compare schemes within one run, on the paired ratio column, and repeat a run before believing a gap.
//
//   node --import tsx bench/window-read.ts [--dir D] [--windows 24] [--frames 30000] [--channels 384]
//     [--schemes sync-2M,whole,async-4x2M,direct-whole,...] [--seed 1] [--verify] [--no-paired] [--warm]
//     [--keep-cache] [--sequence]
//
// Schemes (S a size such as 512K, 2M; Q reads in flight):
//   sync-S            readSync S bytes at a time, one after the other (the reader before this bench; QD1 + the kernel's readahead)
//   whole             one readSync of the whole window into a window-sized buffer
//   async-QxS         fs.read (libuv's pool: UV_THREADPOOL_SIZE threads, default 4, shared by both threads) with Q reads of S in flight
//   direct-sync-S     O_DIRECT, readSync S bytes at a time (aligned superset of the window)
//   direct-whole      O_DIRECT, one readSync of the aligned superset of the window
//   direct-async-QxS  O_DIRECT, Q reads of S in flight on libuv's pool
// --warm: each window is read once (untimed) before it is timed, as when windows overlap while scrolling or are
// seen again: what the page cache saves, and what O_DIRECT (which never uses it) gives up.
// --keep-cache: the page cache is not dropped between windows, as in a viewer session (random windows are still
// mostly cold). This is where ordinary reads degrade: after ~1.4 GB of windows the VM reclaims its page cache and
// every read is 3-4x slower; O_DIRECT reads stay flat (the reason decimate-window.ts reads large windows directly).
// --sequence prints each window's time in order, to see that happen.
// --verify reads one window with every scheme (warm) and checks that all see the same bytes.
// Prints a table and, last, one JSON line {scheme: {median_ms, p95_ms, ...}}.
import { execSync } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync, read, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const PAGE = 4096;
const O_DIRECT: number | undefined = (constants as Record<string, number>).O_DIRECT;
const size = (s: string) => { const m = /^(\d+)([KM]?)$/.exec(s); if (!m) throw new Error(`bad size ${s}`); return Number(m[1]) * (m[2] === 'M' ? 1 << 20 : m[2] === 'K' ? 1 << 10 : 1); };
const floorPage = (p: number) => Math.floor(p / PAGE) * PAGE;
const ceilPage = (p: number) => Math.ceil(p / PAGE) * PAGE;

interface Job { scheme: string; position: number; length: number; verify: boolean }
interface Done { ms: number; hash: number; direct: boolean }

// ---------------------------------------------------------------- worker: one raw file
function worker(): void {
  const { path, maxWindow } = workerData as { path: string; maxWindow: number };
  const fd = openSync(path, 'r');
  const fileSize = fstatSync(fd).size;
  let directFd = -1;
  try { if (O_DIRECT !== undefined) directFd = openSync(path, constants.O_RDONLY | O_DIRECT); } catch { directFd = -1; }
  // one buffer for every scheme, with the offset at which its memory is page-aligned (found by direct reads of
  // the file's first page: JavaScript cannot see addresses)
  const buffer = new ArrayBuffer(maxWindow + 64 * 1024 * 1024);
  const bytes = new Uint8Array(buffer);
  let aligned = 0;
  if (directFd >= 0) {
    aligned = -1;
    for (let off = 0; off < PAGE && aligned < 0; off += 16) {
      try { readSync(directFd, bytes, off, PAGE, 0); aligned = off; } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EINVAL') break; }
    }
    if (aligned < 0) { closeSync(directFd); directFd = -1; aligned = 0; }
  }

  const readFully = (f: number, at: number, length: number, position: number): number => {
    let done = 0;
    while (done < length) {
      const n = readSync(f, bytes, at + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  };
  const readAsync = (f: number, at: number, length: number, position: number): Promise<number> => new Promise((resolve, reject) => {
    const step = (done: number) => {
      if (done >= length) { resolve(done); return; }
      read(f, bytes, at + done, length - done, position + done, (err, n) => (err ? reject(err) : n === 0 ? resolve(done) : step(done + n)));
    };
    step(0);
  });
  // FNV-style hash of the window's bytes (--verify only)
  const hashOf = (at: number, length: number) => {
    let h = 0x811c9dc5;
    for (let i = at; i < at + length; i++) h = Math.imul(h ^ bytes[i], 16777619);
    return h >>> 0;
  };

  async function run(j: Job): Promise<Done> {
    const t0 = performance.now();
    const end = Math.min(j.position + j.length, fileSize);
    let direct = j.scheme.startsWith('direct-');
    if (direct && directFd < 0) direct = false;
    const kind = j.scheme.replace(/^direct-/, '');
    const f = direct ? directFd : fd;
    // direct: the page-aligned superset of the window, at the aligned offset; the window starts `skip` bytes in
    const from = direct ? floorPage(j.position) : j.position;
    const to = direct ? ceilPage(end) : end;
    const base = direct ? aligned : 0;
    const skip = j.position - from;
    let m: RegExpExecArray | null;
    let hash = 0;
    if (kind === 'whole') {
      const n = readFully(f, base, to - from, from);
      if (n < end - from) throw new Error('short read');
      if (j.verify) hash = hashOf(base + skip, end - j.position);
    } else if ((m = /^sync-(\w+)$/.exec(kind))) {
      const block = size(m[1]);
      let h = 0x811c9dc5;
      for (let p = from; p < to; p += block) {
        const len = Math.min(block, to - p);
        const n = readFully(f, base, len, p);
        if (n < Math.min(len, end - p)) throw new Error('short read');
        if (j.verify) { const a = Math.max(p, j.position), b = Math.min(p + len, end); for (let i = a; i < b; i++) h = Math.imul(h ^ bytes[base + i - p], 16777619); }
      }
      hash = h >>> 0;
    } else if ((m = /^async-(\d+)x(\w+)$/.exec(kind))) {
      const depth = Number(m[1]), block = size(m[2]);
      const count = Math.ceil((to - from) / block);
      const slot = (k: number) => base + (k % depth) * block;
      const pending: Promise<number>[] = [];
      const issue = (k: number) => { pending[k] = readAsync(f, slot(k), Math.min(block, to - from - k * block), from + k * block); };
      for (let k = 0; k < Math.min(depth, count); k++) issue(k);
      let h = 0x811c9dc5;
      for (let k = 0; k < count; k++) {
        const p = from + k * block, len = Math.min(block, to - p);
        const n = await pending[k];
        if (n < Math.min(len, end - p)) throw new Error('short read');
        if (j.verify) { const a = Math.max(p, j.position), b = Math.min(p + len, end); for (let i = a; i < b; i++) h = Math.imul(h ^ bytes[slot(k) + i - p], 16777619); }
        if (k + depth < count) issue(k + depth);
      }
      hash = h >>> 0;
    } else {
      throw new Error(`unknown scheme ${j.scheme}`);
    }
    return { ms: performance.now() - t0, hash, direct };
  }

  parentPort!.postMessage('ready');
  parentPort!.on('message', (j: Job) => {
    run(j).then((d) => parentPort!.postMessage(d), (e: Error) => parentPort!.postMessage({ error: e.message }));
  });
}

// ---------------------------------------------------------------- main
// worker threads do not inherit `--import tsx`: they register it themselves (as workers/*.mjs do)
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
async function main(): Promise<void> {
  const { values: a } = parseArgs({ options: {
    dir: { type: 'string', default: '/tmp/spikegen-bench/viewer-W2-600s' },
    windows: { type: 'string', default: '24' },
    frames: { type: 'string', default: '30000' },
    channels: { type: 'string', default: '384' },
    schemes: { type: 'string', default: 'sync-2M,whole,async-4x2M,async-8x1M,async-4x4M,direct-sync-2M,direct-whole,direct-async-4x2M,direct-async-8x1M,direct-async-4x4M' },
    seed: { type: 'string', default: '1' },
    verify: { type: 'boolean', default: false },
    paired: { type: 'boolean', default: true },
    warm: { type: 'boolean', default: false },
    'keep-cache': { type: 'boolean', default: false },
    sequence: { type: 'boolean', default: false },
  } });
  const paths = ['static', 'drifting'].map((r) => join(a.dir, r, 'traces_cached_seg0.raw'));
  const frameBytes = Number(a.channels) * 2;
  const length = Number(a.frames) * frameBytes;
  const totalFrames = Math.floor(fstatSync(openSync(paths[0], 'r')).size / frameBytes);
  const schemes = a.schemes.split(',');
  const windows = Number(a.windows);
  const workers = paths.map((path) => new Worker(WORKER_BOOT, { eval: true, workerData: { path, maxWindow: length } }));
  // the threads load (tsx, this module) before the first window is timed
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => { w.once('message', () => resolve()); w.once('error', reject); })));
  const ask = (w: Worker, j: Job) => new Promise<Done>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    w.once('error', onError);
    w.once('message', (d: Done & { error?: string }) => { w.off('error', onError); if (d.error) reject(new Error(`${j.scheme}: ${d.error}`)); else resolve(d); });
  });
  const pair = async (j: Job) => {
    const t0 = performance.now();
    const done = await Promise.all(workers.map((w) => { const p = ask(w, j); w.postMessage(j); return p; }));
    return { ms: performance.now() - t0, done };
  };
  let cold = !a.warm;
  const dropCaches = () => {
    if (!cold) return;
    try { execSync('sync'); writeFileSync('/proc/sys/vm/drop_caches', '3'); } catch { cold = false; console.error('cannot drop the page cache (not root?): warm numbers'); }
  };
  // xorshift positions, frame-aligned
  let x = (Number(a.seed) * 2654435761) >>> 0 || 1;
  const rand = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 2 ** 32; };
  const position = () => Math.floor(rand() * (totalFrames - Number(a.frames))) * frameBytes;

  if (a.verify) {
    const p = position();
    const hashes = new Map<string, string>();
    for (const s of schemes) { const r = await pair({ scheme: s, position: p, length, verify: true }); hashes.set(s, r.done.map((d) => d.hash.toString(16)).join('/')); }
    const distinct = new Set(hashes.values());
    console.log(distinct.size === 1 ? `verify: all ${schemes.length} schemes read the same bytes (${[...distinct][0]})` : `verify: MISMATCH ${JSON.stringify([...hashes])}`);
    if (distinct.size !== 1) process.exitCode = 1;
  }

  const times = new Map<string, number[]>(schemes.map((s) => [s, []]));
  const slowest = new Map<string, number[]>(schemes.map((s) => [s, []]));
  let direct = true;
  /** [window, place in that window's order, scheme, ms] */
  const raw: [number, number, string, number][] = [];
  for (let i = 0; i < windows; i++) {
    // rotate the order so no scheme always follows the same one
    const shared = position();
    for (let k = 0; k < schemes.length; k++) {
      const s = schemes[(i + k) % schemes.length];
      const p = a.paired ? shared : position();
      if (a.warm) await pair({ scheme: 'sync-2M', position: p, length, verify: false }); // in the page cache (as a window scrolled over, or seen again)
      else if (!a['keep-cache']) dropCaches();
      const r = await pair({ scheme: s, position: p, length, verify: false });
      if (s.startsWith('direct-') && !r.done.every((d) => d.direct)) direct = false;
      times.get(s)!.push(r.ms);
      if (a.sequence) process.stdout.write(`${s} ${r.ms.toFixed(0)}${i + 1 === windows ? '\n' : ', '}`);
      raw.push([i, k, s, Math.round(r.ms * 10) / 10]);
      slowest.get(s)!.push(Math.max(...r.done.map((d) => d.ms)));
    }
  }
  await Promise.all(workers.map((w) => w.terminate()));

  const q = (xs: number[], p: number) => { const s = [...xs].sort((u, v) => u - v); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const out: Record<string, unknown> = {};
  console.log(`${a['keep-cache'] ? 'page cache kept (not dropped between windows)' : cold ? 'cold cache' : 'WARM cache'}, ${windows} window pairs per scheme (${a.paired ? 'the same positions for every scheme' : 'positions drawn per scheme'}), ${(length / 1e6).toFixed(1)} MB per recording, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}${direct ? '' : ', O_DIRECT unavailable: direct-* are buffered'}`);
  console.log(`scheme                 median ms   p95 ms   min    max   GB/s (median, both files)${a.paired ? `   median ratio to ${schemes[0]} (same windows)` : ''}`);
  const first = times.get(schemes[0])!;
  for (const s of schemes) {
    const t = times.get(s)!;
    // paired: the median over windows of this scheme's time / the first scheme's time at the same position
    const ratio = a.paired ? q(t.map((v, i) => v / first[i]), 50) : NaN;
    const med = q(t, 50), p95 = q(t, 95);
    out[s] = { median_ms: r1(med), p95_ms: r1(p95), min_ms: r1(Math.min(...t)), max_ms: r1(Math.max(...t)), gb_per_s: r1((2 * length) / 1e6 / med), ...(a.paired ? { median_ratio_to_first: Math.round(ratio * 100) / 100 } : {}) };
    console.log(`${s.padEnd(22)} ${r1(med).toFixed(1).padStart(9)} ${r1(p95).toFixed(1).padStart(8)} ${r1(Math.min(...t)).toFixed(1).padStart(6)} ${r1(Math.max(...t)).toFixed(1).padStart(6)}   ${((2 * length) / 1e6 / med).toFixed(2)}${a.paired ? `   ${ratio.toFixed(2)}` : ''}`);
  }
  console.log(JSON.stringify({ cold: cold && !a['keep-cache'], keep_cache: a['keep-cache'], windows, bytes_per_window: length, uv_threadpool_size: Number(process.env.UV_THREADPOOL_SIZE ?? 4), results: out, raw }));
}

if (isMainThread) await main();
else worker();
