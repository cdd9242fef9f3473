// This machine's raw sequential write speed (the physical limit of dataset writing), measured two ways in the
// folder where datasets are written, each as 8 MB writes of `total` bytes of random data, fsync'd:
//  - direct: O_DIRECT from an aligned buffer (the page cache bypassed: what the device takes; how the dataset
//    writer writes, workers/range-writer.ts), when the file system supports it;
//  - buffered: ordinary writes through the page cache (on these virtual machines a whole core of kernel time at
//    about 0.4 GB/s).
// Prints {direct_gb_per_s, buffered_gb_per_s, gb_per_s (the faster: the limit)} as JSON.
import { closeSync, constants, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { allocateStaging } from '../workers/range-writer.ts';

const dir = process.argv[2];
const total = Number(process.argv[3] ?? 4e9);
const path = join(dir, 'disk-write-test.bin');
const size = 8 * 1024 * 1024;
const stage = allocateStaging(size, dir);
const bytes = new Uint8Array(stage.buffer);
let x = 2463534242;
for (let i = 0; i < bytes.length; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; bytes[i] = x & 0xff; }

function run(direct: boolean): number {
  const t0 = performance.now();
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (direct ? (constants as Record<string, number>).O_DIRECT : 0);
  const fd = openSync(path, flags);
  try {
    for (let written = 0; written < total; written += size) {
      let off = 0;
      while (off < size) off += writeSync(fd, bytes, stage.offset + off, size - off, written + off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return total / 1e9 / ((performance.now() - t0) / 1000);
}

const direct = stage.direct ? run(true) : null;
const buffered = run(false);
console.log(JSON.stringify({ bytes: total, direct_gb_per_s: direct, buffered_gb_per_s: buffered, gb_per_s: Math.max(direct ?? 0, buffered) }));
