/**
 * A copy of written bytes handed to another thread in shared memory: posting it copies and detaches nothing.
 * (Transferring an ArrayBuffer detaches it, and V8 then guards every typed-array loop of the thread from then
 * on: the rendering measured 25% slower. Fresh SharedArrayBuffers per piece are freed so late that a 27.6 GB run
 * held 9 GB.) The receiver calls `releaseSharedPiece` once done; the sender reuses released pieces.
 */
export interface SharedPiece {
  /** an Int32 flag at byte 0 (1 = free to reuse), the bytes from PIECE_HEADER */
  buffer: SharedArrayBuffer;
  length: number;
}
export const PIECE_HEADER = 8;
const piecePool: SharedArrayBuffer[] = [];

export function takeSharedPiece(length: number): SharedPiece {
  for (let i = 0; i < piecePool.length; i++) {
    const b = piecePool[i];
    const flag = new Int32Array(b, 0, 1);
    if (b.byteLength >= PIECE_HEADER + length && Atomics.load(flag, 0) === 1) {
      Atomics.store(flag, 0, 0);
      return { buffer: b, length };
    }
  }
  const buffer = new SharedArrayBuffer(PIECE_HEADER + length);
  piecePool.push(buffer);
  return { buffer, length };
}

/** The bytes of a piece (receiver side). */
export function sharedPieceBytes(p: SharedPiece): Uint8Array {
  return new Uint8Array(p.buffer, PIECE_HEADER, p.length);
}

/** The receiver is done with a piece: its sender may reuse it. */
export function releaseSharedPiece(p: SharedPiece): void {
  Atomics.store(new Int32Array(p.buffer, 0, 1), 0, 1);
}

