/**
 * Finding the continuous streams of an Open Ephys "binary" recording, as neo `explore_folder`
 * (rawio/openephysbinaryrawio.py) does: walk down from the given folder to every `structure.oebin`; the Record Node
 * is the oebin's grand-parent when its name starts with "Record" (GUI ≥ 0.5), the experiment its parent; each
 * `continuous[]` entry is a stream named by its `folder_name` without the trailing "/", prefixed by
 * "<Record Node>#" when there is a node (the name SpikeInterface `read_openephys(stream_name=…)` takes).
 * A stream is chosen by that full name, by its folder name, or by the oebin's `stream_name` field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface OebinChannel { channel_name: string; bit_volts: number; units?: string }

export interface OebinContinuous {
  folder_name: string;
  sample_rate: number;
  num_channels: number;
  stream_name?: string;
  channels: OebinChannel[];
}

export interface OpenEphysStream {
  /** neo / SpikeInterface stream name, e.g. "Record Node 101#Acquisition_Board-100.Rhythm Data" */
  name: string;
  folderName: string;
  /** the recording folder (…/experiment1/recording1) */
  recordingDir: string;
  info: OebinContinuous;
}

const MAX_DEPTH = 5;

function findOebins(dir: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) return;
  let names: string[];
  try { names = readdirSync(dir); } catch { return; }
  if (names.includes('structure.oebin')) { out.push(join(dir, 'structure.oebin')); return; }
  for (const n of names.sort()) {
    const p = join(dir, n);
    // the data folders (continuous/, events/) never hold an oebin; skipping them keeps the walk short
    if (n === 'continuous' || n === 'events' || n === 'spikes') continue;
    try { if (statSync(p).isDirectory()) findOebins(p, depth + 1, out); } catch { /* unreadable entry: skip */ }
  }
}

function readOebin(path: string): OebinContinuous[] {
  let doc: { continuous?: OebinContinuous[] };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as { continuous?: OebinContinuous[] };
  } catch (e) {
    throw new Error(`${path} is not a readable structure.oebin (${(e as Error).message}).`);
  }
  if (!Array.isArray(doc.continuous)) throw new Error(`${path} has no "continuous" list; it is not an Open Ephys binary structure.oebin.`);
  return doc.continuous;
}

/** Every continuous stream under `path` (a folder at any level of the session, or a structure.oebin). */
export function listOpenEphysStreams(path: string): OpenEphysStream[] {
  if (!existsSync(path)) throw new Error(`The Open Ephys folder ${path} does not exist.`);
  const oebins: string[] = [];
  if (statSync(path).isFile()) {
    if (basename(path) !== 'structure.oebin') throw new Error(`${path} is not a structure.oebin file or an Open Ephys folder.`);
    oebins.push(path);
  } else {
    findOebins(path, 0, oebins);
  }
  if (oebins.length === 0) {
    throw new Error(`No structure.oebin was found under ${path}; choose the folder of an Open Ephys recording saved in the "Binary" format.`);
  }
  const streams: OpenEphysStream[] = [];
  for (const oebin of oebins) {
    const recordingDir = dirname(oebin);
    const node = basename(dirname(dirname(recordingDir)));
    for (const info of readOebin(oebin)) {
      const folderName = String(info.folder_name).replace(/\/+$/, '');
      streams.push({ name: node.startsWith('Record') ? `${node}#${folderName}` : folderName, folderName, recordingDir, info });
    }
  }
  // neo orders the streams by name (`sorted(...keys())`), which also fixes stream indices
  return streams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The one stream `wanted` names (or the only stream), else a sentence listing the choices. */
export function selectOpenEphysStream(streams: OpenEphysStream[], path: string, wanted?: string): OpenEphysStream {
  const names = [...new Set(streams.map((s) => s.name))];
  const matches = wanted === undefined ? streams
    : streams.filter((s) => s.name === wanted || s.folderName === wanted || s.info.stream_name === wanted);
  if (matches.length === 0) {
    throw new Error(`The Open Ephys recording at ${path} has no stream "${wanted}"; its streams are: ${names.join('; ')}.`);
  }
  const distinct = [...new Set(matches.map((s) => s.name))];
  if (distinct.length > 1) {
    throw new Error(`The Open Ephys recording at ${path} has ${distinct.length} streams (${distinct.join('; ')}); choose one by name.`);
  }
  if (matches.length > 1) {
    const where = matches.map((s) => s.recordingDir).join('; ');
    throw new Error(`Stream "${distinct[0]}" is recorded in ${matches.length} recordings (${where}); choose one recording folder.`);
  }
  return matches[0];
}
