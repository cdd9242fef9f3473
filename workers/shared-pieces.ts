/**
 * Written bytes handed to another thread in shared memory: posting a piece copies and detaches nothing.
 * (Transferring an ArrayBuffer detaches it, and V8 then guards every typed-array loop of the thread from then
 * on: the rendering measured 25% slower. Fresh SharedArrayBuffers per piece are freed so late that a 27.6 GB run
 * held 9 GB.) The receiver calls `releaseSharedPiece` once done; the sender reuses the memory after that.
 *
 * A piece is either the staging memory itself (the worker's kernel memory is shared: range-writer.ts holds the
 * staging buffer until the piece is released), or a copy in a reused SharedArrayBuffer (`takeSharedPiece`).
 */
export interface SharedPiece {
  buffer: SharedArrayBuffer;
  /** the bytes: `length` of them from byte `offset` */
  offset: number;
  length: number;
  /** byte offset in `buffer` of the piece's Int32 flag: 1 = released (free to reuse), 0 = in use */
  flagOffset: number;
}

export const PIECE_HEADER = 8;
const piecePool: SharedArrayBuffer[] = [];

/** A copy's buffer: a released one of the pool if one is big enough, else a new one. */
export function takeSharedPiece(length: number): SharedPiece {
  for (let i = 0; i < piecePool.length; i++) {
    const b = piecePool[i];
    const flag = new Int32Array(b, 0, 1);
    if (b.byteLength >= PIECE_HEADER + length && Atomics.load(flag, 0) === 1) {
      Atomics.store(flag, 0, 0);
      return { buffer: b, offset: PIECE_HEADER, length, flagOffset: 0 };
    }
  }
  const buffer = new SharedArrayBuffer(PIECE_HEADER + length);
  piecePool.push(buffer);
  return { buffer, offset: PIECE_HEADER, length, flagOffset: 0 };
}

/** The bytes of a piece (receiver side). */
export function sharedPieceBytes(p: SharedPiece): Uint8Array {
  return new Uint8Array(p.buffer, p.offset, p.length);
}

/** The receiver is done with a piece: its sender may reuse the memory (a sender waiting for it is woken). */
export function releaseSharedPiece(p: SharedPiece): void {
  const flag = new Int32Array(p.buffer, p.flagOffset, 1);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}
