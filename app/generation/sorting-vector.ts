/**
 * The spike vector: SpikeInterface's `minimum_spike_dtype` structured array (sample_index, unit_index,
 * segment_index) as three typed columns, never an array of objects.
 *
 * `sampleIndex` is a Float64Array: it holds every integer exactly up to 2**53, so a 600 s recording at 30 kHz
 * (1.8e7 samples) and multi-hour ones alike are safe, with no Int32 overflow check to forget.
 * Order is SI's: by segment, then sample; ties keep the order SI's stable sorts give (see each producer).
 */

export interface SpikeVector {
  /** Sample (frame) of each spike within its segment; exact integers. */
  sampleIndex: Float64Array;
  /** Index of the unit in the sorting's unit list (not the unit id). */
  unitIndex: Int32Array;
  /** Segment of each spike; the producers here always fill it (all zeros for one segment). */
  segmentIndex?: Int32Array;
  length: number;
}

export function makeSpikeVector(sampleIndex: Float64Array, unitIndex: Int32Array, segmentIndex?: Int32Array): SpikeVector {
  if (unitIndex.length !== sampleIndex.length || (segmentIndex && segmentIndex.length !== sampleIndex.length)) {
    throw new Error('A spike vector needs as many unit (and segment) indices as sample indices.');
  }
  return { sampleIndex, unitIndex, segmentIndex: segmentIndex ?? new Int32Array(sampleIndex.length), length: sampleIndex.length };
}

export function emptySpikeVector(): SpikeVector {
  return makeSpikeVector(new Float64Array(0), new Int32Array(0));
}

/** The spikes at `order` (a permutation or a selection), as numpy's `spikes[order]`. */
export function takeSpikes(spikes: SpikeVector, order: ArrayLike<number>): SpikeVector {
  const n = order.length;
  const s = new Float64Array(n);
  const u = new Int32Array(n);
  const g = new Int32Array(n);
  const seg = spikes.segmentIndex;
  for (let i = 0; i < n; i++) {
    const k = order[i];
    s[i] = spikes.sampleIndex[k];
    u[i] = spikes.unitIndex[k];
    g[i] = seg ? seg[k] : 0;
  }
  return makeSpikeVector(s, u, g);
}

/** `np.concatenate` of spike vectors. */
export function concatSpikes(parts: readonly SpikeVector[]): SpikeVector {
  let n = 0;
  for (const p of parts) n += p.length;
  const s = new Float64Array(n);
  const u = new Int32Array(n);
  const g = new Int32Array(n);
  let o = 0;
  for (const p of parts) {
    s.set(p.sampleIndex, o);
    u.set(p.unitIndex, o);
    if (p.segmentIndex) g.set(p.segmentIndex, o);
    o += p.length;
  }
  return makeSpikeVector(s, u, g);
}

/**
 * Stable argsort of non-negative integer keys (numpy `argsort(keys, stable=True)`, and `np.lexsort` when the
 * caller packs several keys into one). Packs key and position into one exact double and sorts natively,
 * which is several times faster than a comparator; falls back to a comparator when the pack would pass 2**53.
 */
export function stableArgsort(keys: ArrayLike<number>): Uint32Array {
  const n = keys.length;
  const order = new Uint32Array(n);
  let maxKey = 0;
  for (let i = 0; i < n; i++) if (keys[i] > maxKey) maxKey = keys[i];
  let allInts = true;
  for (let i = 0; i < n && allInts; i++) allInts = Number.isInteger(keys[i]) && keys[i] >= 0;
  if (allInts && (maxKey + 1) * n < Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = keys[i] * n + i;
    packed.sort();
    for (let i = 0; i < n; i++) order[i] = packed[i] % n;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => (keys[a] - keys[b]) || (a - b));
}

/** SI's `np.lexsort([sample_index, segment_index])`: by segment, then sample, ties in current order. */
export function lexsortSegmentSample(spikes: SpikeVector): Uint32Array {
  const seg = spikes.segmentIndex;
  let maxSample = 0;
  for (let i = 0; i < spikes.length; i++) if (spikes.sampleIndex[i] > maxSample) maxSample = spikes.sampleIndex[i];
  const keys = new Float64Array(spikes.length);
  for (let i = 0; i < spikes.length; i++) keys[i] = (seg ? seg[i] : 0) * (maxSample + 1) + spikes.sampleIndex[i];
  return stableArgsort(keys);
}
