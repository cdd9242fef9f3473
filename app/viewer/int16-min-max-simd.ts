/**
 * The int16 min/max scan of trace decimation (min-max-columns.ts) as a WebAssembly SIMD kernel: eight channels
 * per instruction (`i16x8.min_s` / `i16x8.max_s`) instead of one compare per value. A 1 s × 384-channel int16
 * window scans in about 1.3 ms here instead of 25 ms in JavaScript — the scan was most of a window's cost, and
 * on a 2-core machine it also took the cores the browser needs to keep scrolling at 60 fps.
 *
 * The module is small enough to write out by hand (below, opcode by opcode, per the WebAssembly core and SIMD
 * specifications); it is compiled synchronously once per thread. Where WebAssembly SIMD is missing the caller
 * keeps the JavaScript loop.
 *
 * Memory layout (40 pages, 2.5 MiB): scratch rows of the current column at LO (min) and HI (max), up to 2048
 * channels each; then one frame block of SIMD_BLOCK_BYTES (+ slack) that readers fill directly (no copy).
 */
import { compileKernel, i32FunctionType, leb, section, wasmModule, wasmName } from '../wasm/module-bytes.ts';

/** byte offsets of the scratch rows; channels per row at most MAX_CHANNELS (padded to a multiple of 8) */
const LO = 0;
const HI = 4096;
export const SIMD_MAX_CHANNELS = 2048;
/** bytes of the frame block that follows the scratch rows */
export const SIMD_BLOCK_BYTES = 2 * 1024 * 1024;
const BLOCK0 = 8192;
// the kernel loads whole 16-byte vectors, up to 14 bytes past the last channel of the last frame: the memory
// (40 pages) ends well after BLOCK0 + SIMD_BLOCK_BYTES

/*
 * (func $scan16 (param $from i32) (param $frames i32) (param $stride i32) (param $nvec i32) (param $lo i32) (param $hi i32)
 *   (local $r i32) (local $p i32) (local $k i32)
 *   p = from
 *   block: if frames == 0 break
 *     loop rows: k = 0
 *       loop vecs: lo[k..k+16) = min_s(lo[k..], mem[p+k..]); hi[k..] = max_s(hi[k..], mem[p+k..]); k += 16; while k < nvec*16
 *       p += stride; r += 1; while r < frames
 */
const SCAN16_BODY = [
  0x01, 0x03, 0x7f, // locals: 3 × i32 ($r = 6, $p = 7, $k = 8)
  0x20, 0x00, 0x21, 0x07, // local.get $from, local.set $p
  0x02, 0x40, // block
  0x20, 0x01, 0x45, 0x0d, 0x00, // local.get $frames, i32.eqz, br_if 0
  0x03, 0x40, // loop $rows
  0x41, 0x00, 0x21, 0x08, // i32.const 0, local.set $k
  0x03, 0x40, // loop $vecs
  0x20, 0x04, 0x20, 0x08, 0x6a, // address lo + k
  0x20, 0x04, 0x20, 0x08, 0x6a, 0xfd, 0x00, 0x00, 0x00, // v128.load (lo + k), align 1
  0x20, 0x07, 0x20, 0x08, 0x6a, 0xfd, 0x00, 0x00, 0x00, // v128.load (p + k)
  0xfd, 0x96, 0x01, // i16x8.min_s
  0xfd, 0x0b, 0x00, 0x00, // v128.store
  0x20, 0x05, 0x20, 0x08, 0x6a, // address hi + k
  0x20, 0x05, 0x20, 0x08, 0x6a, 0xfd, 0x00, 0x00, 0x00, // v128.load (hi + k)
  0x20, 0x07, 0x20, 0x08, 0x6a, 0xfd, 0x00, 0x00, 0x00, // v128.load (p + k)
  0xfd, 0x98, 0x01, // i16x8.max_s
  0xfd, 0x0b, 0x00, 0x00, // v128.store
  0x20, 0x08, 0x41, 0x10, 0x6a, 0x22, 0x08, // k += 16 (local.tee)
  0x20, 0x03, 0x41, 0x04, 0x74, // nvec << 4
  0x49, 0x0d, 0x00, // i32.lt_u, br_if $vecs
  0x0b, // end $vecs
  0x20, 0x07, 0x20, 0x02, 0x6a, 0x21, 0x07, // p += stride
  0x20, 0x06, 0x41, 0x01, 0x6a, 0x22, 0x06, // r += 1 (local.tee)
  0x20, 0x01, 0x49, 0x0d, 0x00, // r < frames: br_if $rows
  0x0b, // end $rows
  0x0b, // end block
  0x0b, // end func
];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return wasmModule(
    section(1, i32FunctionType(6)), // type 0: (i32 × 6) → ()
    section(3, [0x01, 0x00]), // function 0 has type 0
    section(5, [0x01, 0x00, 40]), // one memory, 40 pages minimum (never grown)
    section(7, [0x02, ...wasmName('memory'), 0x02, 0x00, ...wasmName('scan16'), 0x00, 0x00]),
    section(10, [0x01, ...leb(SCAN16_BODY.length), ...SCAN16_BODY]),
  );
}

export interface Int16MinMaxKernel {
  /** the kernel's memory: blocks handed to `scan` must be views of it */
  readonly buffer: ArrayBuffer;
  /** the frame block to read into, SIMD_BLOCK_BYTES long */
  block(): Uint8Array;
  /**
   * lo[k] = min(lo[k], b[from + r·stride + k]), hi likewise, for r < frames and k < lo.length; `b` must be a view
   * of `buffer`. lo and hi are the caller's rows (copied in and out of the kernel's scratch).
   */
  scan(b: Int16Array, from: number, frames: number, stride: number, lo: Int16Array, hi: Int16Array): void;
}

let kernel: Int16MinMaxKernel | null | undefined;

/** This thread's kernel, or null where WebAssembly SIMD is not available. */
export function int16MinMaxKernel(): Int16MinMaxKernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const module = compileKernel(moduleBytes());
    if (!module) return null;
    const instance = new WebAssembly.Instance(module, {});
    const memory = instance.exports.memory as WebAssembly.Memory;
    const scan16 = instance.exports.scan16 as (from: number, frames: number, stride: number, nvec: number, lo: number, hi: number) => void;
    const buffer = memory.buffer; // never grown: the views below stay valid
    const scratchLo = new Int16Array(buffer, LO, SIMD_MAX_CHANNELS), scratchHi = new Int16Array(buffer, HI, SIMD_MAX_CHANNELS);
    const block = new Uint8Array(buffer, BLOCK0, SIMD_BLOCK_BYTES);
    kernel = {
      buffer,
      block: () => block,
      scan(b, from, frames, stride, lo, hi) {
        const nc = lo.length;
        scratchLo.set(lo);
        scratchHi.set(hi);
        scan16(b.byteOffset + 2 * from, frames, 2 * stride, Math.ceil(nc / 8), LO, HI);
        lo.set(scratchLo.subarray(0, nc));
        hi.set(scratchHi.subarray(0, nc));
      },
    };
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Whether `b` can be scanned by the kernel: a view of its memory, at most SIMD_MAX_CHANNELS channels. */
export function kernelCanScan(k: Int16MinMaxKernel | null, b: Int16Array, channels: number): k is Int16MinMaxKernel {
  return k !== null && b.buffer === k.buffer && channels <= SIMD_MAX_CHANNELS;
}
