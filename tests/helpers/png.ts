/**
 * A tiny PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium's screenshots are) with node:zlib, and the
 * "not blank" check of the e2e tests: how much of an image differs from its background colour.
 */
import { inflateSync } from 'node:zlib';

export interface DecodedPng { width: number; height: number; channels: number; pixels: Uint8Array }

export function decodePng(buf: Buffer): DecodedPng {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let o = 8, width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (o < buf.length) {
    const len = buf.readUInt32BE(o), type = buf.toString('ascii', o + 4, o + 8), data = buf.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      const depth = data[8], colour = data[9], interlace = data[12];
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) throw new Error(`unsupported PNG (depth ${depth}, colour ${colour}, interlace ${interlace})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels, px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[y * stride + x - channels] : 0, b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels] : 0;
      let v = line[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      px[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels: px };
}

/** Fraction of pixels in the box (default: all) whose colour differs from the most common colour (the background). */
export function nonBackgroundFraction(img: DecodedPng, box = { x: 0, y: 0, w: img.width, h: img.height }): number {
  const key = (i: number) => (img.pixels[i] << 16) | (img.pixels[i + 1] << 8) | img.pixels[i + 2];
  const counts = new Map<number, number>();
  for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) {
    const k = key((y * img.width + x) * img.channels);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let most = -1;
  for (const n of counts.values()) if (n > most) most = n;
  return 1 - most / (box.w * box.h);
}
