/**
 * sha256 of a file from pieces that arrive out of order (chunks written by several workers): pieces are hashed
 * as soon as every byte before them has been, the others wait. Computing the dataset checksums while the chunks
 * are rendered overlaps them with rendering, instead of reading every raw file back after (28 GB for W2).
 */
import { createHash, type Hash } from 'node:crypto';

export class OrderedHasher {
  private readonly hash: Hash = createHash('sha256');
  private readonly waiting = new Map<number, { bytes: Uint8Array; release?: () => void }>();
  /** every byte before this position is hashed */
  private position = 0;
  private waitingBytes = 0;
  private scheduled: ReturnType<typeof setImmediate> | null = null;
  /** the most bytes that waited at once (memory held for out-of-order pieces) */
  peakWaitingBytes = 0;

  /** too much waited: the hasher gave up (its file is hashed from disk instead) */
  abandoned = false;

  /** `maxWaitingBytes`: the memory out-of-order pieces may hold before the hasher gives up */
  constructor(readonly size: number, private readonly maxWaitingBytes = 512 * 2 ** 20) {}

  /** `release` is called once the piece is hashed or dropped (its memory may then be reused by its sender) */
  add(position: number, bytes: ArrayBufferLike | Uint8Array, release?: () => void): void {
    if (this.abandoned) { release?.(); return; }
    const piece = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (position < this.position || this.waiting.has(position)) { release?.(); throw new Error(`OrderedHasher: bytes at ${position} were given twice`); }
    this.waiting.set(position, { bytes: piece, release });
    this.waitingBytes += piece.length;
    this.peakWaitingBytes = Math.max(this.peakWaitingBytes, this.waitingBytes);
    if (this.waitingBytes > this.maxWaitingBytes) {
      this.dispose(); // its file is hashed from disk instead
      return;
    }
    this.schedule();
  }

  /**
   * Hashes the pieces that are next in order, one per turn of the event loop (~1.5 ms for a 3 MB piece): a run of
   * pieces that waited (a whole chunk rendered ahead, 46 MB) would otherwise hold the main thread for ~20 ms, and
   * the pool could not hand the workers their next chunks meanwhile (measured: workers idle 10% of the time).
   */
  private schedule(): void {
    if (this.scheduled || !this.waiting.has(this.position)) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      if (this.hashNext()) this.schedule();
    });
  }

  /** hashes the next piece if it is there; whether it was */
  private hashNext(): boolean {
    const next = this.waiting.get(this.position);
    if (!next) return false;
    this.waiting.delete(this.position);
    this.waitingBytes -= next.bytes.length;
    this.hash.update(next.bytes);
    this.position += next.bytes.length;
    next.release?.();
    return true;
  }

  /** hashes every piece that is next in order now */
  private drain(): void {
    while (this.hashNext()) { /* in order */ }
  }

  /**
   * The hasher gives up: every piece still waiting is released (its sender may reuse the memory), later ones at
   * once. When the job ended, or when too much waited.
   */
  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.abandoned = true;
    for (const w of this.waiting.values()) w.release?.();
    this.waiting.clear();
    this.waitingBytes = 0;
  }

  get complete(): boolean {
    this.drain();
    return !this.abandoned && this.position === this.size && this.waiting.size === 0;
  }

  /** hex digest; only once complete */
  digest(): string {
    if (!this.complete) throw new Error(`OrderedHasher: ${this.position} of ${this.size} bytes hashed`);
    return this.hash.digest('hex');
  }
}
