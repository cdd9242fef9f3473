// Loaders and bit-level comparison helpers for the numpy 1.24.2 reference files in
// tests/fixtures/reference/rng/ (see tests/fixtures/reference/README.md, section rng/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../fixtures/reference/rng/', import.meta.url));

export interface StateJson {
  bit_generator: string;
  state: string;
  inc: string;
  has_uint32: number;
  uinteger: number;
}

export interface ArrayResult {
  dtype: string;
  shape: number[];
  values: number[];
  bits_hex?: string[];
}

export type DrawResult = ArrayResult | string | string[];

export interface DrawEntry {
  call: string;
  result: DrawResult;
  state_after: StateJson;
  uint64_consumed: number;
}

export interface SeqEntry {
  call: string;
  steps: { call: string; result: DrawResult; state_after: StateJson }[];
}

export interface LongStream {
  call: string;
  result: ArrayResult;
  words_per_draw_usual: number;
  word_unit: 'uint64' | 'uint32';
  /** [draw index, words used] for every draw that did not use words_per_draw_usual words */
  draws_with_unusual_word_count: [number, number][];
  equals_vectorised_call: boolean;
  state_after: StateJson;
}

export interface SeedCase {
  label: string;
  seed: string | string[];
  python_call: string;
  seed_sequence: {
    entropy: string | string[];
    spawn_key: number[];
    pool_size: number;
    pool_uint32: number[];
    [key: string]: unknown;
  };
  state_after_seeding: StateJson;
  draws: Record<string, DrawEntry | SeqEntry>;
  long_streams?: Record<string, LongStream>;
}

export interface ConstantJson { values: number[]; bits_hex: string[]; shape: number[] }

export interface RngReference {
  numpy_version: string;
  constants: Record<string, ConstantJson>;
  seeds: SeedCase[];
}

export interface ZigTable { ctype: string; len: number; values: (number | string)[]; bits_hex?: string[] }
export interface ZigJson {
  source: string;
  tables: Record<string, ZigTable>;
  scalars: Record<string, { ctype: string; value: number; bits_hex: string }>;
}

export function loadRngReference(): RngReference {
  return JSON.parse(readFileSync(DIR + 'rng_reference.json', 'utf8')) as RngReference;
}

export function loadZigguratJson(): ZigJson {
  return JSON.parse(readFileSync(DIR + 'ziggurat_constants.json', 'utf8')) as ZigJson;
}

/** The seed as our API takes it: a bigint, or a tuple of bigints. */
export function seedOf(c: SeedCase): bigint | bigint[] {
  return Array.isArray(c.seed) ? c.seed.map((s) => BigInt(s)) : BigInt(c.seed);
}

export function isSeq(e: DrawEntry | SeqEntry): e is SeqEntry {
  return 'steps' in e;
}

export function f64Hex(x: number): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  return dv.getBigUint64(0).toString(16).padStart(16, '0');
}

export function f32Hex(x: number): string {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setFloat32(0, x);
  return dv.getUint32(0).toString(16).padStart(8, '0');
}

/** Hex bits of each value, as float32 or float64 according to the dtype. */
export function bitsOf(values: ArrayLike<number>, dtype: string): string[] {
  const hex = dtype === 'float32' ? f32Hex : f64Hex;
  return Array.from(values, (v) => hex(v));
}
