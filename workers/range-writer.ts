/**
 * Writes one contiguous byte range of a preallocated raw file, in order, through a staging buffer — with direct
 * I/O (O_DIRECT) where the file system allows it.
 *
 * Why direct I/O: on the machines we measured, a buffered write costs a whole core of kernel time at about
 * 0.4 GB/s (copying into the page cache, then writeback), while the same disk takes O_DIRECT writes at about
 * 2 GB/s for a few percent of a core (bench/disk-write.ts measures both). A 27.6 GB dataset pair was bound by that
 * kernel time, not by rendering. Datasets are written once and read later, so bypassing the cache costs nothing.
 *
 * O_DIRECT needs the memory address, the file offset and the length of each write aligned to the device's block.
 * A staging buffer is aligned once (`allocateStaging` finds the offset at which its memory is aligned by trying
 * direct writes to a scratch file: JavaScript cannot see addresses; slots carved from a WebAssembly memory are
 * aligned by layout, `directWorksAt` only checks the folder). Each write of the range's aligned middle goes
 * through the direct descriptor; the unaligned head and tail (< 4 KiB, shared with the neighbouring chunks) go
 * through an ordinary descriptor, so direct and buffered writes never touch the same page. Where O_DIRECT is not
 * supported (tmpfs, some network file systems) every write is an ordinary one.
 *
 * `onBytes` sees every byte of the range once, in order, as a shared piece it releases when done
 * (shared-pieces.ts): the dataset checksums are computed from these while the chunks are rendered, instead of
 * reading 28 GB back afterwards. A shared staging buffer is itself the piece; it is filled again only once released
 * (`StagePool`).
 */
import { closeSync, constants, openSync, unlinkSync, write, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { takeSharedPiece, type SharedPiece } from './shared-pieces.ts';

/** alignment used for direct writes: a page, a multiple of every logical block size in use (512 B, 4 KiB) */
export const DIRECT_BLOCK = 4096;

export interface Staging {
  buffer: ArrayBuffer | SharedArrayBuffer;
  /** byte offset in `buffer` where aligned memory starts */
  offset: number;
  /** usable bytes from `offset`, a multiple of DIRECT_BLOCK */
  capacity: number;
  /** aligned for direct writes (in the folder it was probed in, for `allocateStaging`; shared slots by layout) */
  direct: boolean;
  /**
   * Shared staging (`buffer` is a SharedArrayBuffer): the bytes handed to `onBytes` are this memory itself, not a
   * copy, and the Int32 at this byte offset of `buffer` is the piece's release flag; the buffer is filled again
   * only once the receiver released it.
   */
  flagOffset?: number;
}

const O_DIRECT: number | undefined = (constants as Record<string, number>).O_DIRECT;

/**
 * A staging buffer of at least `bytes` usable bytes, with `direct` telling whether O_DIRECT writes from it work in
 * `folder` (probed with a scratch file there, removed at once).
 */
export function allocateStaging(bytes: number, folder: string): Staging {
  // + two blocks: a carried tail, or the start of a chunk's unaligned first block
  const capacity = Math.ceil(bytes / DIRECT_BLOCK) * DIRECT_BLOCK + 2 * DIRECT_BLOCK;
  const buffer = new ArrayBuffer(capacity + DIRECT_BLOCK);
  // SPIKEGEN_DIRECT_IO=0 turns direct I/O off (diagnostics, or a file system that accepts O_DIRECT but is slow with it)
  const offset = O_DIRECT === undefined || process.env.SPIKEGEN_DIRECT_IO === '0' ? -1 : findAlignedOffset(buffer, folder);
  return offset < 0 ? { buffer, offset: 0, capacity, direct: false } : { buffer, offset, capacity, direct: true };
}

/**
 * Whether a direct write of one block from `buffer` at `offset` works in `folder` (probed with a scratch file
 * there, removed at once): for staging carved out of memory whose alignment is known (a WebAssembly memory starts
 * on a page, so its 4 KiB multiples are aligned) but whose file system may refuse O_DIRECT.
 */
export function directWorksAt(buffer: ArrayBuffer | SharedArrayBuffer, offset: number, folder: string): boolean {
  if (O_DIRECT === undefined || process.env.SPIKEGEN_DIRECT_IO === '0') return false;
  return probe(folder, (fd, bytes) => { writeSync(fd, bytes, offset, DIRECT_BLOCK, 0); return true; }, buffer) === true;
}

/** runs `attempt` on a scratch file opened with O_DIRECT in `folder`; undefined when that cannot be opened */
function probe<T>(folder: string, attempt: (fd: number, bytes: Uint8Array) => T, buffer: ArrayBuffer | SharedArrayBuffer): T | undefined {
  const scratch = join(folder, `.direct-io-probe-${process.pid}-${threadId}`);
  let fd = -1;
  try {
    fd = openSync(scratch, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | O_DIRECT!);
    return attempt(fd, new Uint8Array(buffer));
  } catch {
    return undefined; // the file system refuses O_DIRECT (or this buffer): ordinary writes
  } finally {
    if (fd >= 0) closeSync(fd);
    try { unlinkSync(scratch); } catch { /* never created */ }
  }
}

/** the first offset (a multiple of 16) at which a direct write of one block from `buffer` succeeds, or -1 */
function findAlignedOffset(buffer: ArrayBuffer, folder: string): number {
  return probe(folder, (fd, bytes) => {
    for (let off = 0; off < DIRECT_BLOCK; off += 16) {
      try {
        writeSync(fd, bytes, off, DIRECT_BLOCK, 0);
        return off;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EINVAL') return -1;
      }
    }
    return -1;
  }, buffer) ?? -1;
}

const floorBlock = (p: number) => Math.floor(p / DIRECT_BLOCK) * DIRECT_BLOCK;
const ceilBlock = (p: number) => Math.ceil(p / DIRECT_BLOCK) * DIRECT_BLOCK;

/** one positional write to completion (libuv's pool: the calling thread goes on rendering meanwhile) */
function writeFully(fd: number, bytes: Uint8Array, offset: number, length: number, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (done: number) => {
      if (done >= length) { resolve(); return; }
      write(fd, bytes, offset + done, length - done, position + done, (err, n) => (err ? reject(err) : step(done + n)));
    };
    step(0);
  });
}

/** Atomics.waitAsync (Node 16+; not in this TypeScript lib yet) */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { value: Promise<string> | string } }).waitAsync;

/**
 * The staging buffers of a worker, shared by its writers. A buffer is free again once its writes completed and,
 * for shared staging, once the receiver released its piece (it hashes straight from this memory). Writers take a
 * free one for each group of bytes; with more than two, a worker renders on while the previous groups are still
 * being written or hashed.
 */
export class StagePool {
  private readonly busy = new Map<Staging, { write: Promise<void> | null; written: boolean }>();
  private readonly taken = new Set<Staging>();

  /**
   * `spare`: makes an ordinary staging buffer (its piece then copied for the receiver) when every buffer of the
   * pool is written and only waits for its receiver: a hasher that lags (or a job that failed and will never
   * release) slows the worker to the copy path instead of stopping it. At most `maxSpares` are made; they are
   * reused like the others.
   */
  constructor(readonly stages: Staging[], private readonly spare?: () => Staging, private readonly maxSpares = 4) {
    if (stages.length < 2 && !spare) throw new Error('StagePool: at least two staging buffers are needed');
  }

  private spares = 0;

  private free(s: Staging): boolean {
    if (this.taken.has(s)) return false;
    const b = this.busy.get(s);
    if (b && !b.written) return false;
    if (s.flagOffset !== undefined && Atomics.load(new Int32Array(s.buffer, s.flagOffset, 1), 0) !== 1) return false;
    this.busy.delete(s);
    return true;
  }

  /** A free staging buffer now, or null. */
  takeNow(): Staging | null {
    for (const s of this.stages) if (this.free(s)) { this.taken.add(s); return s; }
    return null;
  }

  /** Nothing of the pool is in use: no buffer taken, written or waiting for its receiver. */
  get idle(): boolean {
    return this.taken.size === 0 && this.stages.every((s) => this.free(s));
  }

  /** A free staging buffer, waiting for a write to complete (or a piece to be released) if none is free. */
  async take(): Promise<Staging> {
    for (;;) {
      const s = this.takeNow();
      if (s) return s;
      const writes = [...this.busy.values()].filter((b) => !b.written && b.write).map((b) => b.write!.catch(() => undefined));
      if (writes.length === 0 && this.spare && this.spares < this.maxSpares) {
        const extra = this.spare();
        this.spares++;
        this.stages.push(extra);
        this.taken.add(extra);
        return extra;
      }
      const held = this.stages.find((st) => st.flagOffset !== undefined && !this.taken.has(st) && this.busy.get(st)?.written !== false);
      const released = held ? waitAsync(new Int32Array(held.buffer, held.flagOffset!, 1), 0, 0, 20).value : null;
      await Promise.race([...writes, ...(typeof released === 'object' && released ? [released] : []), new Promise((r) => setTimeout(r, 20))]);
    }
  }

  /** `s` was filled and is being written (`write`) and, if shared, handed over: free once both are done. */
  hold(s: Staging, write: Promise<void> | null): void {
    this.taken.delete(s);
    const entry = { write, written: write === null };
    this.busy.set(s, entry);
    write?.then(() => { entry.written = true; }, () => { entry.written = true; });
  }

  /** `s` goes back unused */
  giveBack(s: Staging): void {
    this.taken.delete(s);
  }
}

/**
 * Writes the range group by group: while one staging buffer is being written (asynchronously: a direct write
 * waits for the device) or hashed, the worker fills another, so rendering never waits for the disk unless the
 * disk is the slower of the two.
 */
export class RangeWriter {
  private readonly fd: number;
  private directFd = -1;
  private readonly pool: StagePool;
  /** the buffer being filled (null once the range is finished) */
  private stage: Staging | null;
  /** writes of this range still in flight, and the first error of any */
  private readonly inFlight = new Set<Promise<void>>();
  private error: unknown = null;
  /** file position held at memory `offset` of the current staging buffer (block-aligned) */
  private base: number;
  /** end of the bytes staged so far (file position) */
  private pos: number;
  /** bytes before this file position are written or being written */
  private written: number;
  /** bytes before this file position were handed to onBytes */
  private seen: number;
  bytesWritten = 0;
  /** time spent waiting for writes or releases (the part of writing rendering did not hide) */
  writeMs = 0;

  /**
   * `stages`: two or more staging buffers of this writer's own, or a worker's pool with one free now (else use
   * `RangeWriter.open`, which waits for one).
   */
  constructor(path: string, startByte: number, stages: Staging[] | StagePool, private readonly onBytes?: (position: number, piece: SharedPiece) => void, first?: Staging, direct?: boolean) {
    this.pool = stages instanceof StagePool ? stages : new StagePool(stages);
    const stage = first ?? this.pool.takeNow();
    if (!stage) throw new Error('RangeWriter: no free staging buffer (use RangeWriter.open to wait for one)');
    this.stage = stage;
    try {
      this.fd = openSync(path, 'r+');
    } catch (e) {
      this.pool.giveBack(stage);
      throw e;
    }
    if (direct ?? this.pool.stages.some((st) => st.direct)) {
      try { this.directFd = openSync(path, constants.O_WRONLY | O_DIRECT!); } catch { this.directFd = -1; }
    }
    this.base = floorBlock(startByte);
    this.pos = this.written = this.seen = startByte;
  }

  /**
   * A writer on a worker's pool, once one of its staging buffers is free. `direct`: whether the file's folder
   * takes O_DIRECT writes (default: whether any staging buffer was found to); only aligned buffers (`Staging.direct`)
   * are written that way.
   */
  static async open(path: string, startByte: number, pool: StagePool, onBytes?: (position: number, piece: SharedPiece) => void, direct?: boolean): Promise<RangeWriter> {
    const first = await pool.take();
    try {
      return new RangeWriter(path, startByte, pool, onBytes, first, direct);
    } catch (e) {
      pool.giveBack(first);
      throw e;
    }
  }

  /** the staging buffer to fill now (the one `reserve` offsets point into) */
  get buffer(): ArrayBuffer | SharedArrayBuffer {
    return this.current().buffer;
  }

  private current(): Staging {
    if (!this.stage) throw new Error('RangeWriter: the range was finished (flush(true)); nothing more can be staged');
    return this.stage;
  }

  /** room left in the current staging buffer, in bytes */
  get room(): number {
    return this.current().capacity - (this.pos - this.base);
  }

  /** The byte offset in `buffer` where the next `n` bytes go; call `flush` first when `room` is short. */
  reserve(n: number): number {
    if (n > this.room) throw new Error(`RangeWriter: ${n} bytes do not fit (${this.room} bytes of room left): flush first`);
    return this.current().offset + (this.pos - this.base);
  }

  /** The `n` bytes at the offset `reserve` gave are filled. */
  commit(n: number): void {
    this.pos += n;
  }

  /**
   * Starts writing everything staged (all of it when `final`, else all but the unaligned tail, which moves to
   * the next staging buffer) and hands the new bytes to `onBytes`; resolves when the next buffer is there to fill
   * (when `final`: when every write of the range completed). A failed write is thrown by a later flush or close.
   */
  async flush(final = false): Promise<void> {
    this.throwIfFailed();
    const stage = this.current();
    const mem = (p: number) => stage.offset + (p - this.base);
    if (this.onBytes && this.pos > this.seen) {
      if (stage.flagOffset !== undefined) {
        // the staging memory itself: held until released
        Atomics.store(new Int32Array(stage.buffer, stage.flagOffset, 1), 0, 0);
        this.onBytes(this.seen, { buffer: stage.buffer as SharedArrayBuffer, offset: mem(this.seen), length: this.pos - this.seen, flagOffset: stage.flagOffset });
      } else {
        const piece = takeSharedPiece(this.pos - this.seen);
        new Uint8Array(piece.buffer, piece.offset, piece.length).set(new Uint8Array(stage.buffer, mem(this.seen), piece.length));
        this.onBytes(this.seen, piece);
      }
      this.seen = this.pos;
    }
    const end = final ? this.pos : Math.max(this.written, floorBlock(this.pos));
    const bytes = new Uint8Array(stage.buffer);
    const writes: Promise<void>[] = [];
    const queue = (fd: number, from: number, to: number) => {
      if (to <= from) return;
      const direct = fd === this.directFd;
      writes.push(writeFully(fd, bytes, mem(from), to - from, from).catch((e: NodeJS.ErrnoException) => {
        // a direct write refused after all (EINVAL): the same bytes through the ordinary descriptor
        if (direct && e.code === 'EINVAL') return writeFully(this.fd, bytes, mem(from), to - from, from);
        throw e;
      }));
      this.bytesWritten += to - from;
    };
    if (this.directFd < 0 || !stage.direct) {
      queue(this.fd, this.written, end);
    } else {
      const headEnd = Math.min(end, ceilBlock(this.written));
      queue(this.fd, this.written, headEnd); // unaligned head: shares a page with the previous chunk
      const bodyEnd = Math.max(headEnd, floorBlock(end));
      queue(this.directFd, headEnd, bodyEnd);
      queue(this.fd, bodyEnd, end); // unaligned tail (final only)
    }
    this.written = end;
    const write = writes.length ? Promise.all(writes).then(() => undefined) : null;
    if (write) {
      this.inFlight.add(write);
      write.then(() => this.inFlight.delete(write), (e: unknown) => { this.inFlight.delete(write); this.error ??= e; });
    }
    const t = performance.now();
    if (!final) {
      // the unwritten rest (less than a block, or an unaligned head not yet reaching a block end) moves to the
      // next buffer; the current one stays held until its writes (and its piece) are done
      const next = await this.pool.take();
      const newBase = floorBlock(end);
      new Uint8Array(next.buffer).set(bytes.subarray(mem(newBase), mem(this.pos)), next.offset);
      this.pool.hold(stage, write);
      this.stage = next;
      this.base = newBase;
    } else {
      this.pool.hold(stage, write);
      // the range is done: every write of it must have completed (or failed) before the task reports success
      this.stage = null;
      await Promise.allSettled([...this.inFlight]);
    }
    this.writeMs += performance.now() - t;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.error !== null) throw this.error;
  }

  /** Waits for writes in flight (their errors were already reported by `flush`), gives its buffer back and closes the descriptors. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    if (this.stage) this.pool.giveBack(this.stage);
    this.stage = null;
    closeSync(this.fd);
    if (this.directFd >= 0) closeSync(this.directFd);
  }
}
