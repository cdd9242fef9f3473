/**
 * One WebAssembly memory per thread, shared by the rendering kernels so that a tile never has to be copied
 * between them: the noise kernel (app/render/normals-wasm.ts) draws into a tile, the injection kernel
 * (app/render/inject-simd.ts) adds the spikes there, and the int16 kernel (app/formats/int16-simd.ts) converts
 * it where it is. Made once at its full size and never grown (growing detaches the old buffer, and the first
 * detached ArrayBuffer of a thread makes V8 guard every typed-array loop of that thread: see
 * app/render/correlate-simd.ts). Pages that are never touched cost no memory. It is shared (its buffer is a
 * SharedArrayBuffer): the staging buffers the int16 kernel converts into are handed to the main thread as they are
 * (workers/range-writer.ts), to be hashed without a copy.
 *
 * Layout (byte addresses, each region 64 KiB-aligned):
 *   NOISE       the noise kernel's state, tables, levels and output slice
 *   TILES       float32 tile buffers (two tiles of 512 samples × 512 channels)
 *   INT16_OUT   the int16 kernel's output slice
 *   SPIKES      the injection kernel's per-call spike list
 *   TEMPLATES   the injection kernel's cache of template blocks (waveforms and channel runs)
 *   FLAGS       release flags of the staging buffers (Int32 each)
 *   STAGING     a generation worker's staging buffers (workers/render-chunk.ts)
 */
import { compileKernel } from './module-bytes.ts';

const KiB = 1024, MiB = 1024 * KiB;
export const NOISE_REGION = 0, NOISE_BYTES = 384 * KiB;
export const TILES_REGION = NOISE_REGION + NOISE_BYTES, TILES_BYTES = 2 * MiB;
export const INT16_OUT_REGION = TILES_REGION + TILES_BYTES, INT16_OUT_BYTES = 512 * KiB;
export const SPIKES_REGION = INT16_OUT_REGION + INT16_OUT_BYTES, SPIKES_BYTES = 512 * KiB;
// 32 MB of template blocks: ~1700 W2 blocks against the ~500 a chunk uses; emptied and refilled (a few ms) every
// ~10 s as the drift moves on. 64 MB measured no faster and held 60 MB more per generation (both threads).
export const TEMPLATES_REGION = SPIKES_REGION + SPIKES_BYTES, TEMPLATES_BYTES = 32 * MiB;
export const FLAGS_REGION = TEMPLATES_REGION + TEMPLATES_BYTES, FLAGS_BYTES = 64 * KiB;
export const STAGING_REGION = FLAGS_REGION + FLAGS_BYTES, STAGING_BYTES = 64 * MiB;
export const THREAD_MEMORY_PAGES = (STAGING_REGION + STAGING_BYTES) / (64 * KiB);

/** Whether `view` lies in the STAGING region of this thread's kernel memory (where the int16 kernel writes in place). */
export function inStaging(view: ArrayBufferView): boolean {
  return inRegion(view, STAGING_REGION, STAGING_BYTES);
}

/** Whether `view` lies within [start, start + bytes) of this thread's kernel memory. */
function inRegion(view: ArrayBufferView, start: number, bytes: number): boolean {
  return memory !== undefined && memory !== null && view.buffer === memory.buffer
    && view.byteOffset >= start && view.byteOffset + view.byteLength <= start + bytes;
}

/** the import of this memory in a kernel module: "env" "memory", shared, its exact size */
export function memoryImport(name: (s: string) => number[], leb: (n: number) => number[]): number[] {
  return [...name('env'), ...name('memory'), 0x02, 0x03, ...leb(THREAD_MEMORY_PAGES), ...leb(THREAD_MEMORY_PAGES)];
}

let memory: WebAssembly.Memory | null | undefined;

/** This thread's kernel memory, or null where WebAssembly (with SIMD) is not available or SPIKEGEN_SIMD=0. */
export function threadMemory(): WebAssembly.Memory | null {
  if (memory !== undefined) return memory;
  // the smallest SIMD module: WebAssembly without SIMD cannot run the kernels that use this memory
  const probe = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7b, 3, 2, 1, 0, 10, 22, 1, 20, 0, 0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x0b]);
  try {
    memory = compileKernel(probe) ? new WebAssembly.Memory({ initial: THREAD_MEMORY_PAGES, maximum: THREAD_MEMORY_PAGES, shared: true }) : null;
  } catch {
    memory = null; // no shared WebAssembly memory here (or no room for it): the JavaScript loops
  }
  return memory;
}

/**
 * A kernel module compiled and instantiated against this thread's memory (its `env.memory` import), with
 * `imports` added to `env`; null where there is no kernel memory or the module does not compile here. Each kernel
 * file calls this once and keeps the result.
 */
export function instantiateInThreadMemory(bytes: () => Uint8Array<ArrayBuffer>, imports: Record<string, WebAssembly.ImportValue> = {}): { instance: WebAssembly.Instance; memory: WebAssembly.Memory } | null {
  const mem = threadMemory();
  const module = mem ? compileKernel(bytes()) : null;
  return mem && module ? { instance: new WebAssembly.Instance(module, { env: { memory: mem, ...imports } }), memory: mem } : null;
}

/** Whether `view` lies in the TILES region of this thread's kernel memory (where the kernels render and read tiles in place). */
export function inTiles(view: ArrayBufferView): boolean {
  return inRegion(view, TILES_REGION, TILES_BYTES);
}
