/**
 * The one entry point of the readers: `openRecording(spec)` picks the reader of `spec.format`. Every failure a user
 * can cause (missing or unreadable file, bad metadata, sizes that disagree, an unknown stream) reaches the caller
 * as an Error whose message is one plain sentence naming the file; anything else is rethrown as is.
 */
import { openOpenEphys } from './openephys-reader.ts';
import { openRawBinary } from './raw-reader.ts';
import { openSpikeInterfaceFolder } from './si-folder-reader.ts';
import { openSpikeGlx } from './spikeglx-reader.ts';
import type { RecordingSource, RecordingSpec } from './types.ts';

export function openRecording(spec: RecordingSpec): RecordingSource {
  if (!spec || typeof spec.path !== 'string' || spec.path === '') {
    throw new Error('No recording path was given; choose a file or folder to read.');
  }
  switch (spec.format) {
    case 'spikeglx': return openSpikeGlx(spec.path);
    case 'openephys': return openOpenEphys(spec.path, spec.stream);
    case 'spikeinterface': return openSpikeInterfaceFolder(spec.path);
    case 'raw': return openRawBinary(spec.path, spec);
    default:
      throw new Error(`"${(spec as { format: unknown }).format}" is not a recording format this app reads; use spikeglx, openephys, spikeinterface or raw.`);
  }
}
