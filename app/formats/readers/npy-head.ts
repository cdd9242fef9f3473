/**
 * The header and first value of a 1-D `.npy` file, read without loading the array: Open Ephys `sample_numbers.npy`
 * holds one int64 per sample (8 bytes × samples, 0.9 GB for an hour at 30 kHz), and a reader needs only its first
 * value and its length (neo `explore_folder` uses `np.load(mmap_mode="r")[0]` the same way).
 * Format: numpy/lib/format.py — magic "\x93NUMPY", version, header length (2 bytes in 1.0, 4 in 2.0/3.0), a dict
 * literal `{'descr': '<i8', 'fortran_order': False, 'shape': (n,), }`, then the data.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { fsErrorSentence } from '../fs-errors.ts';

export interface NpyHead {
  descr: string;
  length: number;
  /** the first value as a JS number (NaN when the array is empty) */
  first: number;
  /** true for integer dtypes */
  integer: boolean;
}

function readAt(fd: number, position: number, length: number, path: string): Uint8Array {
  const buf = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error(`${path} ends before its .npy header says; the file is truncated.`);
    done += n;
  }
  return buf;
}

export function readNpyHead(path: string): NpyHead {
  let fd: number;
  try { fd = openSync(path, 'r'); } catch (e) { throw fsErrorSentence('open', path, e, 'check the recording folder'); }
  try {
    const pre = readAt(fd, 0, 12, path);
    if (pre[0] !== 0x93 || String.fromCharCode(...pre.subarray(1, 6)) !== 'NUMPY') throw new Error(`${path} is not a .npy file.`);
    const v = new DataView(pre.buffer);
    const major = pre[6];
    const headerLen = major === 1 ? v.getUint16(8, true) : v.getUint32(8, true);
    const start = major === 1 ? 10 : 12;
    const header = new TextDecoder('latin1').decode(readAt(fd, start, headerLen, path));
    const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
    const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
    if (!descr || shape === undefined) throw new Error(`${path} has an unreadable .npy header.`);
    const dims = shape.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    const length = dims.reduce((a, b) => a * b, 1);
    const integer = /^[<|][iu]\d$/.test(descr);
    let first = NaN;
    if (length > 0) {
      const size = Number(descr.slice(2));
      const b = readAt(fd, start + headerLen, size, path);
      const d = new DataView(b.buffer);
      switch (descr) {
        case '<i8': first = Number(d.getBigInt64(0, true)); break;
        case '<u8': first = Number(d.getBigUint64(0, true)); break;
        case '<i4': first = d.getInt32(0, true); break;
        case '<u4': first = d.getUint32(0, true); break;
        case '<f8': first = d.getFloat64(0, true); break;
        case '<f4': first = d.getFloat32(0, true); break;
        default: throw new Error(`${path}: .npy dtype ${descr} is not a time or sample-number type.`);
      }
    }
    return { descr, length, first, integer };
  } finally {
    closeSync(fd);
  }
}
