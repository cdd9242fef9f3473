/**
 * The OPT-IN fast noise generator (`generate_noise_kwargs.noise_generator: "fast"`, our extension; the default
 * "numpy" is SpikeInterface's stream bit for bit, noise-white.ts). Block b is drawn from xoshiro128** seeded
 * with `SeedSequence((segment_seed, b)).generate_state(4)` through the SAME float32 ziggurat as numpy's
 * `standard_normal(dtype=float32)` (same tables, same strip / tail / wedge tests on each 32-bit draw), so the
 * values have exactly numpy's float32 normal distribution; only the uniform bits come from another generator.
 * Each block still depends on (segment_seed, b) alone: any window, any chunking, any worker gives the same bits.
 * Why: numpy's PCG64 needs a 128-bit multiply per two draws, which JavaScript can only emulate in doubles
 * (~110 M normals/s); xoshiro128** is a few 32-bit integer operations (~3x faster per block in JavaScript).
 * Where WebAssembly runs, numpy's stream has its own kernel (normals-wasm.ts) and is the faster one: "auto"
 * picks it (ground-truth-noise.ts); this generator stays for presets that ask for it.
 *
 * The state lives in the same 11-slot array as the PCG64 stream (noise-white.ts `PcgWords`): slots 0..3 hold
 * the four uint32 words (as int32 values), slot 10 the last failed draw.
 */
import { log1pf, SeedSequence } from '../rng/index.ts';
import { FI_FLOAT, KI_FLOAT, NOR_INV_R_F, NOR_R_F, WI_FLOAT } from '../rng/ziggurat-normal-tables.ts';
import { blockGeneratorState, fillScaledNormalsF32, type PcgWords } from './noise-white.ts';

export type NoiseGeneratorKind = 'numpy' | 'fast';

const fr = Math.fround;
// module-local copies (see noise-white.ts: imported bindings are slower in the hot loop)
const KI = Float64Array.from(KI_FLOAT);
const WI = Float64Array.from(WI_FLOAT);

/** xoshiro128** state of block `entropy` = (segment_seed, b): SeedSequence(entropy).generate_state(4). */
export function fastBlockState(entropy: readonly (number | bigint)[], into: PcgWords = new Float64Array(11)): PcgWords {
  const s = new SeedSequence(entropy as never).generateState(4);
  for (let i = 0; i < 4; i++) into[i] = s[i] | 0;
  if ((into[0] | into[1] | into[2] | into[3]) === 0) into[0] = 1; // the all-zero state is a fixed point
  into[8] = 0; into[9] = 0; into[10] = 0;
  return into;
}

/** xoshiro128** next uint32 (as int32) on the array state: the slow path only; the hot loop inlines it. */
function next32(w: PcgWords): number {
  let s0 = w[0] | 0, s1 = w[1] | 0, s2 = w[2] | 0, s3 = w[3] | 0;
  const m = Math.imul(s1, 5);
  const r = Math.imul((m << 7) | (m >>> 25), 9);
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
  w[0] = s0; w[1] = s1; w[2] = s2; w[3] = s3;
  return r;
}

function nextFloat(w: PcgWords): number {
  return (next32(w) >>> 8) * 5.9604644775390625e-8;
}

/** numpy's rare paths of random_standard_normal_f on this stream; NaN = rejected, draw again. */
function slowNormal(w: PcgWords, idx: number, x: number, tailNegative: number): number {
  if (idx === 0) {
    for (;;) {
      const xx = fr(-NOR_INV_R_F * log1pf(-nextFloat(w)));
      const yy = -log1pf(-nextFloat(w));
      if (fr(yy + yy) > fr(xx * xx)) return tailNegative ? -fr(NOR_R_F + xx) : fr(NOR_R_F + xx);
    }
  }
  const y = fr(fr(fr(FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * nextFloat(w)) + FI_FLOAT[idx]);
  return y < Math.exp(-0.5 * x * x) ? x : NaN;
}

/** The hot loop (noise-white.ts `fastRun` with xoshiro128** instead of PCG64). */
function fastRun(w: PcgWords, out: Float32Array, start: number, n: number, levels: Float64Array): number {
  const C = levels.length;
  let s0 = w[0] | 0, s1 = w[1] | 0, s2 = w[2] | 0, s3 = w[3] | 0;
  let c = start % C, i = start;
  while (i < n) {
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
    const idx = r & 0xff;
    const rabs = (r >>> 9) & 0x7fffff;
    if (rabs >= KI[idx]) { w[10] = r; break; }
    out[i++] = fr(rabs * WI[idx]) * (1 - ((r >>> 7) & 2)) * levels[c];
    if (++c === C) c = 0;
  }
  w[0] = s0; w[1] = s1; w[2] = s2; w[3] = s3;
  return i;
}

/** out[i] = float32(z_i * levels[i % levels.length]) for i < n, z this stream's float32 standard normals. */
export function fillScaledNormalsFast(w: PcgWords, out: Float32Array, n: number, levels: Float64Array): void {
  const C = levels.length;
  let i = 0;
  for (;;) {
    i = fastRun(w, out, i, n, levels);
    if (i >= n) return;
    const r = w[10];
    const idx = r & 0xff, rabs = (r >>> 9) & 0x7fffff;
    const z = slowNormal(w, idx, fr(rabs * WI_FLOAT[idx]) * (1 - ((r >>> 7) & 2)), (rabs >>> 8) & 1);
    if (z === z) { out[i] = z * levels[i % C]; i++; }
  }
}

/** Seeds block `entropy`'s stream of the chosen generator into `words`. */
export function seedBlockStream(kind: NoiseGeneratorKind, entropy: readonly (number | bigint)[], words: PcgWords): PcgWords {
  return kind === 'fast' ? fastBlockState(entropy, words) : blockGeneratorState(entropy, words);
}

/** The next n scaled float32 normals of the chosen generator's stream `words` into out. */
export function fillBlockNormals(kind: NoiseGeneratorKind, words: PcgWords, out: Float32Array, n: number, levels: Float64Array, copy?: Float32Array): void {
  if (kind === 'fast') {
    fillScaledNormalsFast(words, out, n, levels);
    copy?.set(out.subarray(0, n));
  } else {
    fillScaledNormalsF32(words, out, n, levels, copy);
  }
}
