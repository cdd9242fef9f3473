// A deliberately separate, minimal .npy reader for tests that check files our writer produced: it parses the
// header with its own code (not app/formats/npy.ts) so a bug in the writer cannot hide behind the same reader.
import { readFileSync } from 'node:fs';

export interface SimpleNpy { descr: string; shape: number[]; fortran: boolean; body: Buffer; headerLength: number; version: number }

export function readNpyIndependently(path: string): SimpleNpy {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 0, 6) !== '\x93NUMPY') throw new Error(`${path}: bad magic`);
  const version = buf[6];
  const hlen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + hlen);
  // a Python dict literal: turn it into JSON
  const json = header.trim().replace(/'/g, '"').replace(/\(/g, '[').replace(/\)/g, ']').replace(/,\s*]/g, ']')
    .replace(/,\s*}/g, '}').replace(/False/g, 'false').replace(/True/g, 'true');
  const parsed = JSON.parse(json) as { descr: unknown; fortran_order: boolean; shape: number[] };
  const descr = typeof parsed.descr === 'string' ? parsed.descr : JSON.stringify(parsed.descr);
  return { descr, shape: parsed.shape, fortran: parsed.fortran_order, body: buf.subarray(10 + hlen), headerLength: 10 + hlen, version };
}

export function float32Values(n: SimpleNpy): number[] {
  const out: number[] = [];
  for (let i = 0; i < n.body.length; i += 4) out.push(n.body.readFloatLE(i));
  return out;
}

export function float64Values(n: SimpleNpy): number[] {
  const out: number[] = [];
  for (let i = 0; i < n.body.length; i += 8) out.push(n.body.readDoubleLE(i));
  return out;
}

export function int64Values(n: SimpleNpy): number[] {
  const out: number[] = [];
  for (let i = 0; i < n.body.length; i += 8) out.push(Number(n.body.readBigInt64LE(i)));
  return out;
}
