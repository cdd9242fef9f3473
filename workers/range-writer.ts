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
 * direct writes to a scratch file: JavaScript cannot see addresses). Each write of the range's aligned middle goes
 * through the direct descriptor; the unaligned head and tail (< 4 KiB, shared with the neighbouring chunks) go
 * through an ordinary descriptor, so direct and buffered writes never touch the same page. Where O_DIRECT is not
 * supported (tmpfs, some network file systems) every write is an ordinary one.
 *
 * `onBytes` sees every byte of the range once, in order, as a shared piece it releases when done
 * (shared-pieces.ts): the dataset checksums are computed from these while the chunks are rendered, instead of
 * reading 28 GB back afterwards.
 */
import { closeSync, constants, openSync, unlinkSync, write, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { PIECE_HEADER, takeSharedPiece, type SharedPiece } from './shared-pieces.ts';

/** alignment used for direct writes: a page, a multiple of every logical block size in use (512 B, 4 KiB) */
export const DIRECT_BLOCK = 4096;

export interface Staging {
  buffer: ArrayBuffer;
  /** byte offset in `buffer` where aligned memory starts */
  offset: number;
  /** usable bytes from `offset`, a multiple of DIRECT_BLOCK */
  capacity: number;
  /** direct writes work for this buffer in the folder it was probed in */
  direct: boolean;
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

/** the first offset (a multiple of 16) at which a direct write of one block from `buffer` succeeds, or -1 */
function findAlignedOffset(buffer: ArrayBuffer, folder: string): number {
  const scratch = join(folder, `.direct-io-probe-${process.pid}-${threadId}`);
  let fd = -1;
  try {
    fd = openSync(scratch, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | O_DIRECT!);
    const bytes = new Uint8Array(buffer);
    for (let off = 0; off < DIRECT_BLOCK; off += 16) {
      try {
        writeSync(fd, bytes, off, DIRECT_BLOCK, 0);
        return off;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EINVAL') return -1;
      }
    }
    return -1;
  } catch {
    return -1; // the file system refuses O_DIRECT: ordinary writes
  } finally {
    if (fd >= 0) closeSync(fd);
    try { unlinkSync(scratch); } catch { /* never created */ }
  }
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

/**
 * Double-buffered: while one staging buffer is being written (asynchronously: a direct write waits for the
 * device, about 20 ms per 23 MB here), the worker fills the other, so rendering never waits for the disk unless
 * the disk is the slower of the two.
 */
export class RangeWriter {
  private readonly fd: number;
  private directFd = -1;
  private current = 0;
  /** the write in flight from each staging buffer */
  private readonly pending: [Promise<void> | null, Promise<void> | null] = [null, null];
  /** file position held at memory `offset` of the current staging buffer (block-aligned) */
  private base: number;
  /** end of the bytes staged so far (file position) */
  private pos: number;
  /** bytes before this file position are written or being written */
  private written: number;
  /** bytes before this file position were handed to onBytes */
  private seen: number;
  bytesWritten = 0;
  /** time spent waiting for writes (the part of writing rendering did not hide) */
  writeMs = 0;

  constructor(path: string, startByte: number, private readonly stages: [Staging, Staging], private readonly onBytes?: (position: number, piece: SharedPiece) => void) {
    this.fd = openSync(path, 'r+');
    if (stages[0].direct && stages[1].direct) {
      try { this.directFd = openSync(path, constants.O_WRONLY | O_DIRECT!); } catch { this.directFd = -1; }
    }
    this.base = floorBlock(startByte);
    this.pos = this.written = this.seen = startByte;
  }

  /** the staging buffer to fill now (the one `reserve` offsets point into) */
  get buffer(): ArrayBuffer {
    return this.stages[this.current].buffer;
  }

  /** room left in the current staging buffer, in bytes */
  get room(): number {
    return this.stages[this.current].capacity - (this.pos - this.base);
  }

  /** The byte offset in `buffer` where the next `n` bytes go; call `flush` first when `room` is short. */
  reserve(n: number): number {
    if (n > this.room) throw new Error(`RangeWriter: ${n} bytes do not fit (${this.room} bytes of room left): flush first`);
    return this.stages[this.current].offset + (this.pos - this.base);
  }

  /** The `n` bytes at the offset `reserve` gave are filled. */
  commit(n: number): void {
    this.pos += n;
  }

  /**
   * Starts writing everything staged (all of it when `final`, else all but the unaligned tail, which moves to
   * the other staging buffer) and switches buffers; resolves when the other buffer is free to fill.
   */
  async flush(final = false): Promise<void> {
    const stage = this.stages[this.current];
    const mem = (p: number) => stage.offset + (p - this.base);
    if (this.onBytes && this.pos > this.seen) {
      const piece = takeSharedPiece(this.pos - this.seen);
      new Uint8Array(piece.buffer, PIECE_HEADER, piece.length).set(new Uint8Array(stage.buffer, mem(this.seen), piece.length));
      this.onBytes(this.seen, piece);
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
    if (this.directFd < 0) {
      queue(this.fd, this.written, end);
    } else {
      const headEnd = Math.min(end, ceilBlock(this.written));
      queue(this.fd, this.written, headEnd); // unaligned head: shares a page with the previous chunk
      const bodyEnd = Math.max(headEnd, floorBlock(end));
      queue(this.directFd, headEnd, bodyEnd);
      queue(this.fd, bodyEnd, end); // unaligned tail (final only)
    }
    this.written = end;
    const other = 1 - this.current;
    const t = performance.now();
    await this.settle(other);
    if (!final) {
      // the unwritten rest (less than a block, or an unaligned head not yet reaching a block end) moves to the
      // other buffer, which is free: its write has completed
      const newBase = floorBlock(end), to = this.stages[other];
      new Uint8Array(to.buffer).set(bytes.subarray(mem(newBase), mem(this.pos)), to.offset);
      this.base = newBase;
    }
    this.writeMs += performance.now() - t;
    const inFlight = writes.length ? Promise.all(writes).then(() => undefined) : null;
    inFlight?.catch(() => undefined); // handled: its error is thrown where it is awaited (settle), not as unhandled
    this.pending[this.current] = inFlight;
    this.current = other;
    if (final) {
      const t2 = performance.now();
      await this.settle(0);
      await this.settle(1);
      this.writeMs += performance.now() - t2;
    }
  }

  private async settle(i: number): Promise<void> {
    const p = this.pending[i];
    this.pending[i] = null;
    if (p) await p;
  }

  /** Waits for writes in flight (their errors were already reported by `flush`) and closes the descriptors. */
  async close(): Promise<void> {
    await Promise.allSettled(this.pending.map((p) => p ?? Promise.resolve()));
    this.pending[0] = this.pending[1] = null;
    closeSync(this.fd);
    if (this.directFd >= 0) closeSync(this.directFd);
  }
}
