/**
 * A decimated window sent as stored int16 values (TraceWindowMeta.int16: [recording][channel][column][min, max],
 * with per-recording, per-channel gain and offset) turned into float32 µV, the layout the viewers draw. The
 * server sends int16 recordings this way: half the bytes of float32 on the wire, for one pass here.
 */
import type { TraceWindowMeta } from '../api/viewer-types.ts';

/** µV of every value, into `out` when it is long enough (a reused buffer), else into a new array. */
export function decodeInt16Window(meta: TraceWindowMeta, data: ArrayBuffer, out?: Float32Array): Float32Array {
  const s = meta.int16;
  if (!s) throw new Error('decodeInt16Window: the window is not int16');
  const v = new Int16Array(data);
  const res = out && out.length >= v.length ? out.subarray(0, v.length) : new Float32Array(v.length);
  const nc = meta.channelEnd - meta.channelStart, per = meta.columns * 2;
  for (let r = 0; r < s.gains.length; r++) {
    for (let c = 0; c < nc; c++) {
      const g = s.gains[r][c], b = s.offsets[r][c], base = (r * nc + c) * per;
      for (let i = base; i < base + per; i += 2) {
        const a = v[i] * g + b, z = v[i + 1] * g + b;
        // a negative gain swaps min and max
        res[i] = a < z ? a : z;
        res[i + 1] = a < z ? z : a;
      }
    }
  }
  return res;
}
