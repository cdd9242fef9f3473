/**
 * The Kilosort 4 export: `<name>.bin` (int16, C order samples × channels, no header — Kilosort's BinaryFiltered
 * reads `n_chan_bin` int16 columns), the probe as `kilosort_probe.json` and `kilosort_probe.prb`, and README.txt
 * with the settings to type in (fs, n_chan_bin, dtype, the µV per bit gain).
 *
 * An int16 source is hard-linked (same bytes, no extra disk), falling back to a copy when the link is refused
 * (another device, FAT/exFAT, Windows shares); a float32 source is converted with the gain the caller passes.
 */
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSynced } from './atomic-folder.ts';
import { KILOSORT_FILES } from './dataset-layout.ts';
import { withFsErrors } from './fs-errors.ts';
import { int16GainOf, streamInt16Frames } from './int16-frames-stream.ts';
import { kilosortPrbText, kilosortProbe, kilosortProbeJsonText } from './kilosort-probe.ts';
import { readBinaryFolderInfo } from './si-binary-folder-read.ts';

export interface KilosortExportOptions {
  /** file stem of the .bin (e.g. the preset name); letters, digits, "-", "_" and "." */
  name: string;
  /** µV per bit used to convert a float32 recording; ignored for int16 (the folder's own gain is used) */
  gainToUv?: number;
  /** hard-link an int16 source instead of copying it (default true) */
  link?: boolean;
}

export interface KilosortExportResult {
  binPath: string;
  probeJsonPath: string;
  prbPath: string;
  readmePath: string;
  /** how the .bin was made */
  method: 'hardlink' | 'copy' | 'converted';
  gainToUv: number;
  numChannels: number;
  numSamples: number;
  samplingFrequency: number;
  clipped: number;
}

export function checkExportName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`"${name}" cannot name an export file; use letters, digits, "-", "_" and "." only.`);
  }
}

function readme(r: KilosortExportResult, name: string): string {
  return [
    `Kilosort 4 export written by Spikegen Studio`,
    ``,
    `data file          ${name}.bin`,
    `dtype              int16, C order (samples x channels), no header`,
    `n_chan_bin         ${r.numChannels}`,
    `fs                 ${r.samplingFrequency}`,
    `samples            ${r.numSamples}`,
    `probe              ${KILOSORT_FILES.probeJson} (or ${KILOSORT_FILES.probePrb})`,
    `gain               ${r.gainToUv} uV per bit (microvolts = int16 value x ${r.gainToUv})`,
    ``,
    `Kilosort 4 from Python:`,
    `  from kilosort import run_kilosort`,
    `  from kilosort.io import load_probe`,
    `  settings = {'n_chan_bin': ${r.numChannels}, 'fs': ${r.samplingFrequency}}`,
    `  run_kilosort(settings=settings, probe=load_probe('${KILOSORT_FILES.probeJson}'),`,
    `               filename='${name}.bin', data_dtype='int16')`,
    `In the Kilosort GUI: choose ${name}.bin, dtype int16, number of channels ${r.numChannels},`,
    `sampling rate ${r.samplingFrequency}, and load ${KILOSORT_FILES.probeJson} as the probe.`,
    `Amplitudes Kilosort reports are in int16 units; multiply by ${r.gainToUv} for microvolts.`,
    ``,
  ].join('\n');
}

/** Writes the export of the binary folder `recordingDir` into `outDir` (created if needed). */
export function exportKilosort(recordingDir: string, outDir: string, options: KilosortExportOptions): KilosortExportResult {
  checkExportName(options.name);
  const info = readBinaryFolderInfo(recordingDir);
  if (!info.probe) throw new Error(`${recordingDir} has no probe; Kilosort needs the channel positions.`);
  const gain = int16GainOf(info, options.gainToUv);
  withFsErrors('create', outDir, () => mkdirSync(outDir, { recursive: true }));
  const binPath = join(outDir, KILOSORT_FILES.bin(options.name));
  if (existsSync(binPath)) throw new Error(`cannot write ${binPath}: it already exists; choose another output folder`);

  let method: KilosortExportResult['method'] = 'converted';
  let clipped = 0;
  if (info.dtype === 'int16' && (options.link ?? true)) {
    try { linkSync(info.rawPath, binPath); method = 'hardlink'; } catch { /* fall back to a copy below */ }
  }
  if (method !== 'hardlink' && info.dtype === 'int16') {
    withFsErrors('write', binPath, () => copyFileSync(info.rawPath, binPath));
    method = 'copy';
  } else if (method !== 'hardlink') {
    const fd = withFsErrors('create', binPath, () => openSync(binPath, 'w'));
    try {
      clipped = streamInt16Frames(info, gain, (frames) => {
        const bytes = new Uint8Array(frames.buffer, frames.byteOffset, frames.byteLength);
        let off = 0;
        while (off < bytes.length) off += withFsErrors('write', binPath, () => writeSync(fd, bytes, off, bytes.length - off));
      });
    } finally { closeSync(fd); }
  }

  const ks = kilosortProbe(info.probe);
  const result: KilosortExportResult = {
    binPath, probeJsonPath: join(outDir, KILOSORT_FILES.probeJson), prbPath: join(outDir, KILOSORT_FILES.probePrb),
    readmePath: join(outDir, KILOSORT_FILES.readme), method, gainToUv: gain, numChannels: info.numChannels,
    numSamples: info.numSamples, samplingFrequency: info.samplingFrequency, clipped,
  };
  writeFileSynced(result.probeJsonPath, kilosortProbeJsonText(ks));
  writeFileSynced(result.prbPath, kilosortPrbText(ks));
  writeFileSynced(result.readmePath, readme(result, options.name));
  return result;
}
