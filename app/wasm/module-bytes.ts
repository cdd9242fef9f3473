/**
 * The few pieces of the WebAssembly binary format that the hand-written SIMD kernels need
 * (app/viewer/int16-min-max-simd.ts, app/render/correlate-simd.ts): LEB128 numbers, names, sections and the
 * module header, and a compile that says "not here" (null) where WebAssembly or its SIMD proposal is missing.
 * Section ids: 1 type, 2 import, 3 function, 5 memory, 7 export, 10 code.
 */

/** unsigned LEB128 */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** signed LEB128 (the immediates of i32.const and i64.const) */
export function sleb(value: number | bigint): number[] {
  let v = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(b & 0x40)) || (v === -1n && b & 0x40)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

/** a name: its length, then its (ASCII) bytes */
export const wasmName = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

export const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];

/** a function type (i32 × params) → () */
export const i32FunctionType = (params: number): number[] => [0x01, 0x60, params, ...new Array<number>(params).fill(0x7f), 0x00];

/** the module: header, then the sections in id order */
export function wasmModule(...sections: number[][]): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}

/** The compiled module, or null where WebAssembly (with SIMD) is not available; SPIKEGEN_SIMD=0 forces null. */
export function compileKernel(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly === 'undefined' || globalThis.process?.env?.SPIKEGEN_SIMD === '0') return null;
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    return null;
  }
}
