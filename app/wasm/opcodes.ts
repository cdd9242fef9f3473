/**
 * The instructions the hand-written kernels share (WebAssembly core spec, binary format, and the SIMD proposal),
 * as byte arrays to spread into a function body. Each kernel file keeps the opcodes only it uses next to its code.
 */
import { leb, sleb } from './module-bytes.ts';

/** local.get / local.set / local.tee */
export const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i], tee = (i: number) => [0x22, i];

/** constants */
export const i32 = (v: number) => [0x41, ...sleb(v)];
export const i64 = (v: bigint) => [0x42, ...sleb(BigInt.asIntN(64, v))];
export const f32const = (v: number) => [0x43, ...new Uint8Array(new Float32Array([v]).buffer)];
export const f64const = (v: number) => [0x44, ...new Uint8Array(new Float64Array([v]).buffer)];

/** loads and stores: opcode, alignment exponent (a hint), offset */
const memarg = (op: number, align: number, offset: number) => [op, align, ...leb(offset)];
export const i32load = (o = 0) => memarg(0x28, 2, o), i64load = (o = 0) => memarg(0x29, 3, o);
export const f32load = (o = 0) => memarg(0x2a, 2, o), f64load = (o = 0) => memarg(0x2b, 3, o);
export const i32store = (o = 0) => memarg(0x36, 2, o), i64store = (o = 0) => memarg(0x37, 3, o);
export const f32store = (o = 0) => memarg(0x38, 2, o);

/** control: blocks and loops without results, branches by relative depth, calls by function index */
export const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], IF = [0x04, 0x40], ELSE = 0x05, END = 0x0b;
export const br = (depth: number) => [0x0c, depth], brIf = (depth: number) => [0x0d, depth];
export const call = (f: number) => [0x10, f];

/** i32 arithmetic and comparisons (one byte each) */
export const I32 = { eqz: 0x45, eq: 0x46, ltU: 0x49, gtU: 0x4b, geU: 0x4f, add: 0x6a, sub: 0x6b, mul: 0x6c, and: 0x71, xor: 0x73, shl: 0x74, shrU: 0x76 };

/** SIMD: the 0xfd prefix, 16-byte loads and stores, shuffles */
export const simd = (op: number) => [0xfd, ...leb(op)];
export const v128load = (o = 0) => [...simd(0x00), 0x00, ...leb(o)], v128store = (o = 0) => [...simd(0x0b), 0x00, ...leb(o)];
export const shuffle = (lanes: number[]) => [...simd(0x0d), ...lanes];
/** the high 8 bytes into the low half (to promote or convert the upper two lanes) */
export const HIGH_TO_LOW = shuffle([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]);
/** the low 8 bytes of each operand: [a0, a1, b0, b1] as 32-bit lanes */
export const JOIN_LOW = shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
