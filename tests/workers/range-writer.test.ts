// The raw-file range writer (workers/range-writer.ts): direct I/O for the aligned middle of a range, ordinary
// writes for its unaligned head and tail, tails carried between flushes. Checked against the bytes meant to be
// written (random, from an independent generator), on ranges that start and end anywhere, interleaved as workers
// interleave them, with a small staging buffer so that every range takes many flushes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocateStaging, DIRECT_BLOCK, RangeWriter, StagePool, type Staging } from '../../workers/range-writer.ts';
import { releaseSharedPiece, sharedPieceBytes, type SharedPiece } from '../../workers/shared-pieces.ts';
import { OrderedHasher } from '../../main/services/generation/ordered-hasher.ts';

/** xorshift32 bytes: the expected file content */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; out[i] = x & 0xff; }
  return out;
}

function preallocated(dir: string, name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

/**
 * writes `expected` through writers over the ranges between `cuts`, two ranges at a time (as two workers do),
 * in `piece`-byte commits, flushing whenever a staging buffer is short of room
 */
async function writeInterleaved(path: string, expected: Uint8Array, cuts: number[], stage: () => Staging, piece: number, seen: Map<number, Uint8Array>) {
  for (let r = 0; r + 1 < cuts.length; r += 2) {
    const ranges = [[cuts[r], cuts[r + 1]], [cuts[r + 1], cuts[r + 2] ?? cuts[r + 1]]].filter(([a, b]) => b > a);
    const writers = ranges.map(([a]) => new RangeWriter(path, a, [stage(), stage()], (position, piece) => { seen.set(position, Uint8Array.from(sharedPieceBytes(piece))); releaseSharedPiece(piece); }));
    const at = ranges.map(([a]) => a);
    while (ranges.some(([, b], k) => at[k] < b)) {
      await Promise.all(ranges.map(async ([, b], k) => {
        if (at[k] >= b) return;
        const n = Math.min(piece, b - at[k]);
        if (writers[k].room < n) await writers[k].flush();
        const off = writers[k].reserve(n);
        new Uint8Array(writers[k].buffer, off, n).set(expected.subarray(at[k], at[k] + n));
        writers[k].commit(n);
        at[k] += n;
      }));
    }
    for (const w of writers) { await w.flush(true); await w.close(); }
  }
}

for (const mode of ['probed', 'ordinary writes'] as const) {
  test(`ranges starting and ending anywhere are written exactly (${mode})`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'range-writer-'));
    const size = 3 * 1024 * 1024 + 1234;
    const expected = randomBytes(size, 7);
    const path = preallocated(dir, 'traces.raw', size);
    const stage = (): Staging => {
      const s = allocateStaging(5 * DIRECT_BLOCK + 100, dir);
      return mode === 'probed' ? s : { ...s, offset: 0, direct: false };
    };
    const first = stage();
    t.diagnostic(`direct I/O ${first.direct ? 'used' : 'not available here: ordinary writes'} (staging aligned at offset ${first.offset})`);
    // cuts on and off the 4 KiB blocks, ranges shorter than a block, one range inside a single block
    const cuts = [0, 10, 4096, 4100, 8190, 8200, 70_001, 70_003, 200_000, 1_048_576, 1_500_002, 2_000_000, 2_000_006, 3_000_000, size];
    const seen = new Map<number, Uint8Array>();
    await writeInterleaved(path, expected, cuts, stage, 6002, seen);
    const onDisk = readFileSync(path);
    assert.equal(onDisk.length, size);
    const firstBad = onDisk.findIndex((b, i) => b !== expected[i]);
    assert.equal(firstBad, -1, `first wrong byte at ${firstBad}`);
    // every byte was handed over once, in order per range: hashed out of order, the pieces give the file's digest
    const hasher = new OrderedHasher(size);
    for (const [position, bytes] of [...seen].reverse()) hasher.add(position, bytes);
    assert.ok(hasher.complete);
    assert.equal(hasher.digest(), createHash('sha256').update(expected).digest('hex'));
    assert.deepEqual(readdirSync(dir), ['traces.raw'], 'the direct I/O probe file is removed');
  });
}

test('a write that fails (a full disk) is reported by the flush that waits for it, with its errno', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'range-writer-'));
  // /dev/full: every write fails with ENOSPC, as on a disk that filled up during the job
  const w = new RangeWriter('/dev/full', 0, [allocateStaging(8192, dir), allocateStaging(8192, dir)]);
  const off = w.reserve(8192);
  new Uint8Array(w.buffer, off, 8192).fill(1);
  w.commit(8192);
  await assert.rejects(w.flush(true), /ENOSPC/);
  await w.close();
});

test('the ordered hasher refuses a piece given twice and is incomplete with a gap', () => {
  const h = new OrderedHasher(10);
  h.add(0, new Uint8Array(4));
  assert.throws(() => h.add(0, new Uint8Array(4)), /given twice/);
  h.add(6, new Uint8Array(4));
  assert.equal(h.complete, false);
  assert.throws(() => h.digest(), /4 of 10 bytes/);
  h.add(4, new Uint8Array(2));
  assert.equal(h.digest(), createHash('sha256').update(new Uint8Array(10)).digest('hex'));
});

test('the ordered hasher gives up (and says so) rather than hold more than its limit of early pieces', () => {
  const h = new OrderedHasher(100, 30);
  h.add(20, new Uint8Array(20));
  assert.equal(h.abandoned, false);
  h.add(40, new Uint8Array(20)); // 40 bytes wait for the first 20
  assert.equal(h.abandoned, true);
  h.add(0, new Uint8Array(20));
  assert.equal(h.complete, false);
});

/** `count` staging buffers carved from one SharedArrayBuffer, each with a release flag (as a worker's kernel memory) */
function sharedStages(count: number, capacity: number): Staging[] {
  const buffer = new SharedArrayBuffer(count * capacity + 4 * count);
  const flags = new Int32Array(buffer, count * capacity, count);
  flags.fill(1);
  return Array.from({ length: count }, (_, i) => ({ buffer, offset: i * capacity, capacity, direct: false, flagOffset: count * capacity + 4 * i }));
}

test('shared staging: pieces are the staging memory itself, reused only once the receiver released them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'range-writer-'));
  const size = 200_000 + 77;
  const expected = randomBytes(size, 9);
  const path = preallocated(dir, 'traces.raw', size);
  const pool = new StagePool(sharedStages(3, 4 * DIRECT_BLOCK));
  const held: SharedPiece[] = [];
  const hasher = new OrderedHasher(size);
  let maxHeld = 0;
  const w = await RangeWriter.open(path, 0, pool, (position, piece) => {
    // the receiver hashes later (as the main thread does): the piece's bytes must not change meanwhile
    held.push(piece);
    maxHeld = Math.max(maxHeld, held.length);
    setTimeout(() => {
      hasher.add(position, Uint8Array.from(sharedPieceBytes(piece)));
      held.splice(held.indexOf(piece), 1);
      releaseSharedPiece(piece);
    }, 2);
  });
  for (let at = 0; at < size;) {
    const n = Math.min(5000, size - at);
    if (w.room < n) await w.flush();
    new Uint8Array(w.buffer, w.reserve(n), n).set(expected.subarray(at, at + n));
    w.commit(n);
    at += n;
  }
  await w.flush(true);
  await w.close();
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(maxHeld >= 2, 'pieces were held while the writer went on');
  assert.equal(readFileSync(path).findIndex((b, i) => b !== expected[i]), -1);
  assert.ok(hasher.complete);
  assert.equal(hasher.digest(), createHash('sha256').update(expected).digest('hex'));
});

test('a pool whose buffers all wait for their receiver spills into spare buffers (at most maxSpares), and waits after that', async () => {
  let spares = 0;
  const pool = new StagePool(sharedStages(2, DIRECT_BLOCK), () => { spares++; return { ...sharedStages(1, DIRECT_BLOCK)[0], flagOffset: undefined }; }, 1);
  const a = await pool.take(), b = await pool.take();
  for (const s of [a, b]) { Atomics.store(new Int32Array(s.buffer, s.flagOffset!, 1), 0, 0); pool.hold(s, null); }
  assert.equal(pool.idle, false);
  // both held by the receiver, no write in flight: a spare at once
  const c = await pool.take();
  assert.equal(spares, 1);
  assert.ok(c !== a && c !== b);
  pool.hold(c, null);
  // the spare is free again (its write is done; no flag): reused, not a second one
  assert.equal(await pool.take(), c);
  assert.equal(spares, 1);
  // with the one spare taken, the next take waits until the receiver releases a
  const waiting = pool.take();
  setTimeout(() => { Atomics.store(new Int32Array(a.buffer, a.flagOffset!, 1), 0, 1); Atomics.notify(new Int32Array(a.buffer, a.flagOffset!, 1), 0); }, 30);
  assert.equal(await waiting, a);
  assert.equal(spares, 1);
});
