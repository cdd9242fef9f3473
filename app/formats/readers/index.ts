/** Public API of the real-recording readers (hybrid recordings, part 1). */
export type {
  RawRecordingOptions, RawSamples, RecordingFormat, RecordingSource, RecordingSpec, SampleDtype,
} from './types.ts';
export { DTYPE_BYTES } from './types.ts';
export { openRecording } from './open-recording.ts';
export { openSpikeGlx, spikeGlxFiles } from './spikeglx-reader.ts';
export { openOpenEphys } from './openephys-reader.ts';
export { listOpenEphysStreams, selectOpenEphysStream, type OpenEphysStream } from './openephys-streams.ts';
export { openSpikeInterfaceFolder } from './si-folder-reader.ts';
export { openRawBinary } from './raw-reader.ts';
