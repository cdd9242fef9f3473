/**
 * SpikeGLX imec recordings (`<run>_g0_t0.imec0.ap.bin` + `.ap.meta`, also `.lf`), read as neo `SpikeGLXRawIO`
 * (rawio/spikeglxrawio.py) and SpikeInterface `read_spikeglx` (extractors/neoextractors/spikeglx.py) expose them:
 *  - int16, interleaved, `nSavedChans` columns, no header; samples = file size // 2 // nSavedChans (neo uses the
 *    file on disk, not `fileSizeBytes`; we also refuse a file shorter than `fileSizeBytes`, a cut-off copy);
 *  - channels named by `~snsChanMap`; the SY0 column (neo: a name containing "SY") is a digital word, not a voltage,
 *    so it is left out (neo puts it in a separate "-SYNC" stream); ids `imec0.ap#AP0` as SpikeInterface;
 *  - rate `imSampRate`; t_start = firstSample / rate (neo `_add_segment_timing`; 0 with no firstSample);
 *  - gains: spikeglx-gains.ts; probe: spikeglx-probe.ts.
 * The stream name comes from the meta's `fileName` (neo) and falls back to the file name on disk.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findNeuropixelsSpec, type NeuropixelsSpec } from '../../probes/neuropixels-catalogue.ts';
import { fsErrorSentence } from '../fs-errors.ts';
import { binarySource, fileSize, wholeFrames } from './binary-source.ts';
import { spikeGlxGains } from './spikeglx-gains.ts';
import { parseImro, type ImroTable } from './spikeglx-imro.ts';
import { apLfSy, chanMapNames, metaNumber, parseSpikeGlxMeta, savedChannels, type SpikeGlxMeta } from './spikeglx-meta-parse.ts';
import { spikeGlxProbe } from './spikeglx-probe.ts';
import type { RecordingSource } from './types.ts';

/** The .bin and .meta of a path that names either file or a folder holding one imec .bin. */
export function spikeGlxFiles(path: string): { bin: string; meta: string } {
  let bin = path;
  if (existsSync(path) && statSync(path).isDirectory()) {
    const bins = readdirSync(path).filter((f) => /\.(ap|lf)\.bin$/.test(f));
    if (bins.length !== 1) {
      throw new Error(bins.length === 0
        ? `The folder ${path} holds no SpikeGLX .ap.bin or .lf.bin file; choose the folder of one probe (…_imec0) or the .bin itself.`
        : `The folder ${path} holds several SpikeGLX files (${bins.join(', ')}); choose one .bin.`);
    }
    bin = join(path, bins[0]);
  } else if (path.endsWith('.meta')) {
    bin = path.slice(0, -'.meta'.length) + '.bin';
  }
  if (!bin.endsWith('.bin')) throw new Error(`${path} is not a SpikeGLX .bin or .meta file.`);
  const meta = bin.slice(0, -'.bin'.length) + '.meta';
  if (!existsSync(meta)) {
    throw new Error(`The SpikeGLX metadata file ${meta} is missing; SpikeGLX writes it next to ${basename(bin)} and the recording cannot be read without it.`);
  }
  return { bin, meta };
}

function streamName(meta: SpikeGlxMeta, bin: string): { device: string; kind: 'ap' | 'lf' } {
  const stem = basename((meta.fileName ?? bin).replace(/\\/g, '/')).replace(/\.bin$/, '');
  const m = /\.(imec\d*)\.(ap|lf)$/.exec(stem) ?? /\.(imec\d*)\.(ap|lf)$/.exec(basename(bin).replace(/\.bin$/, ''));
  if (!m) {
    throw new Error(`${bin} is not an imec probe stream (its name does not end in .imecN.ap or .imecN.lf); NIDQ and OneBox files hold no probe channels to inject into.`);
  }
  return { device: m[1], kind: m[2] as 'ap' | 'lf' };
}

function partNumber(meta: SpikeGlxMeta, imro: ImroTable | null): { part: string; spec: NeuropixelsSpec | null } {
  // Phase3A probes have imProbeOpt and no part number: probeinterface and neo map them to NP1010
  const part = meta.imProbeOpt !== undefined ? 'NP1010' : (meta.imDatPrb_pn ?? meta.imDatPrb_type ?? imro?.type ?? '');
  for (const key of [part, meta.imDatPrb_type, imro?.type]) {
    if (!key) continue;
    try { return { part, spec: findNeuropixelsSpec(key) }; } catch { /* try the next key */ }
  }
  return { part, spec: null };
}

export function openSpikeGlx(path: string): RecordingSource {
  const files = spikeGlxFiles(path);
  const size = fileSize(files.bin, 'SpikeGLX data file');
  let text: string;
  try { text = readFileSync(files.meta, 'utf8'); } catch (e) { throw fsErrorSentence('read', files.meta, e, 'check the .meta file'); }
  const meta = parseSpikeGlxMeta(text);
  const mp = files.meta;
  const { device, kind } = streamName(meta, files.bin);
  const nSaved = metaNumber(meta, 'nSavedChans', mp);
  const rate = metaNumber(meta, 'imSampRate', mp);
  const names = chanMapNames(meta, mp);
  const saved = savedChannels(meta, mp);
  if (names.length !== nSaved || saved.length !== nSaved) {
    throw new Error(`${mp}: nSavedChans=${nSaved} but snsChanMap lists ${names.length} channels and snsSaveChanSubset ${saved.length}; the .meta is inconsistent.`);
  }
  const declared = meta.fileSizeBytes !== undefined ? Number(meta.fileSizeBytes) : NaN;
  if (declared > size) {
    throw new Error(`${files.bin} holds ${size} bytes but its .meta says ${declared} (fileSizeBytes); the file is truncated, copy it again.`);
  }
  const numSamples = wholeFrames(files.bin, size, 0, nSaved * 2, `${nSaved} int16 channels from nSavedChans`);

  const imro = meta.imroTbl ? parseImro(meta.imroTbl, mp) : null;
  const { part, spec } = partNumber(meta, imro);
  // acquired AP channel count; very old metas lack acqApLfSy, then the probe's readout channel count stands in
  const apAcq = meta.acqApLfSy !== undefined ? apLfSy(meta, 'acqApLfSy', mp)[0] : (spec?.num_readout_channels ?? 384);
  const columns: number[] = [];
  const entries: number[] = [];
  names.forEach((name, col) => {
    if (name.includes('SY')) return;
    columns.push(col);
    // readout channel: AP channels are 0..apAcq-1, LF channels apAcq..2·apAcq-1 (SpikeGLX channel numbering)
    entries.push(saved[col] >= apAcq ? saved[col] - apAcq : saved[col]);
  });
  const gains = spikeGlxGains({ meta, metaPath: mp, imro, spec, part, kind, entries });
  const probe = spikeGlxProbe({ meta, imro, spec, part, entries });
  const first = meta.firstSample !== undefined ? metaNumber(meta, 'firstSample', mp) : 0;
  return binarySource({
    format: 'spikeglx', path: files.bin, dtype: 'int16', samplingFrequency: rate, numSamples,
    fileChannels: nSaved, dataOffset: 0, timeAxis: 0, columns: Int32Array.from(columns),
    channelIds: columns.map((c) => `${device}.${kind}#${names[c]}`), gains, offsets: new Float64Array(columns.length),
    probe, tStart: first / rate,
  });
}
