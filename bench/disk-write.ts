// This machine's raw sequential write speed (the physical limit of dataset writing): 8 MB writes of a 4 GB file,
// fsync'd, in the folder where datasets are written. Prints {gb_per_s} as JSON.
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const total = Number(process.argv[3] ?? 4e9);
const path = join(dir, 'disk-write-test.bin');
const buf = Buffer.alloc(8 * 1024 * 1024, 7);
const t0 = performance.now();
const fd = openSync(path, 'w');
for (let written = 0; written < total; written += buf.length) writeSync(fd, buf);
fsyncSync(fd);
closeSync(fd);
const s = (performance.now() - t0) / 1000;
rmSync(path, { force: true });
console.log(JSON.stringify({ bytes: total, seconds: s, gb_per_s: total / 1e9 / s }));
