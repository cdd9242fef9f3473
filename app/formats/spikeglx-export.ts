/**
 * The SpikeGLX export: `<name>_g0_t0.imec0.ap.bin` + `.ap.meta`, a Neuropixels 1.0 AP stream that SpikeGLX-aware
 * tools open (neo SpikeGLXRawIO, SpikeInterface `read_spikeglx`, probeinterface `read_spikeglx`).
 * The .bin is int16, C order, `nSavedChans` = channels + 1 columns: like every real NP1.0 file it ends with the
 * sync channel SY0 (neo's NP1.0 gain loop and `snsApLfSy=…,0,1` expect it); ours is all zeros (no sync pulses).
 * Only NP1.0 probes can be exported (spikeglx-meta.ts `np1Channels` explains why in its error).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSynced } from './atomic-folder.ts';
import { spikeglxBaseName } from './dataset-layout.ts';
import { withFsErrors } from './fs-errors.ts';
import { int16GainOf, streamInt16Frames } from './int16-frames-stream.ts';
import { checkExportName } from './kilosort-export.ts';
import { readBinaryFolderInfo } from './si-binary-folder-read.ts';
import { np1Channels, spikeglxMetaText } from './spikeglx-meta.ts';
import { probeInChannelOrder } from './si-probe-json.ts';

export interface SpikeGlxExportOptions {
  /** run name: the files are `<name>_g0_t0.imec0.ap.bin|meta` */
  name: string;
  /** µV per bit used to convert a float32 recording; ignored for int16 (the folder's own gain is used) */
  gainToUv?: number;
  /** written as fileCreateTime (default now) */
  createdAt?: Date;
}

export interface SpikeGlxExportResult {
  binPath: string;
  metaPath: string;
  numSavedChannels: number;
  numSamples: number;
  gainToUv: number;
  clipped: number;
  sha1: string;
}

/** Writes the pair for the binary folder `recordingDir` into `outDir` (created if needed). */
export function exportSpikeGlx(recordingDir: string, outDir: string, options: SpikeGlxExportOptions): SpikeGlxExportResult {
  checkExportName(options.name);
  const info = readBinaryFolderInfo(recordingDir);
  if (!info.probe) throw new Error(`${recordingDir} has no probe; a SpikeGLX .meta describes the probe.`);
  const probe = probeInChannelOrder(info.probe);
  np1Channels(probe); // refuse a non-NP1.0 probe before writing anything
  const gain = int16GainOf(info, options.gainToUv);
  withFsErrors('create', outDir, () => mkdirSync(outDir, { recursive: true }));
  const base = spikeglxBaseName(options.name);
  const binPath = join(outDir, `${base}.bin`);
  const metaPath = join(outDir, `${base}.meta`);
  if (existsSync(binPath)) throw new Error(`cannot write ${binPath}: it already exists; choose another output folder`);

  const n = info.numChannels;
  const saved = n + 1;
  const hash = createHash('sha1');
  const fd = withFsErrors('create', binPath, () => openSync(binPath, 'w'));
  let clipped = 0;
  try {
    let out = new Int16Array(0);
    clipped = streamInt16Frames(info, gain, (frames) => {
      const count = frames.length / n;
      if (out.length !== count * saved) out = new Int16Array(count * saved);
      else out.fill(0);
      for (let t = 0; t < count; t++) out.set(frames.subarray(t * n, (t + 1) * n), t * saved); // column n stays 0: SY0
      const bytes = new Uint8Array(out.buffer, 0, out.byteLength);
      hash.update(bytes);
      let off = 0;
      while (off < bytes.length) off += withFsErrors('write', binPath, () => writeSync(fd, bytes, off, bytes.length - off));
    });
  } finally { closeSync(fd); }

  const sha1 = hash.digest('hex').toUpperCase();
  writeFileSynced(metaPath, spikeglxMetaText({
    probe, numSamples: info.numSamples, samplingFrequency: info.samplingFrequency, gainToUv: gain,
    fileName: `${base}.bin`, fileSizeBytes: info.numSamples * saved * 2, sha1, createdAt: options.createdAt ?? new Date(),
  }));
  return { binPath, metaPath, numSavedChannels: saved, numSamples: info.numSamples, gainToUv: gain, clipped, sha1 };
}
