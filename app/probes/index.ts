/** Public API of the probe model (a TypeScript port of probeinterface's Probe and generators). */
export type { ContactShape, ContactShapeParams, ContactSide, JsonValue, PointsInput, SiUnits } from './types.ts';
export { CONTACT_SHAPES } from './types.ts';
export { Probe, type ProbeOptions, type SetContactsOptions } from './probe.ts';
export { ProbeGroup } from './probe-group.ts';
export { cloneProbe, createAutoShape, getSlice, moveProbe, to3d } from './probe-ops.ts';
export { channelLocations, channelOrder, probeBounds, probeSize, type ProbeBounds } from './channel-locations.ts';
export {
  PROBEINTERFACE_VERSION, ProbeJsonError, probeToDict, readProbeinterfaceJson, stringifyProbeinterfaceJson,
  writeProbeinterfaceJson,
} from './probeinterface-json.ts';
export { generateLinearProbe, generateMultiColumnsProbe, type MultiColumnsOptions } from './multi-columns.ts';
export { generateTetrode } from './tetrode.ts';
export { NEUROPIXELS_ALIASES, NEUROPIXELS_PARTS, findNeuropixelsSpec, type NeuropixelsSpec } from './neuropixels-catalogue.ts';
export { adcSamplingTable, buildNeuropixelsProbe, neuropixelsCatalogue, type BuildNeuropixelsOptions } from './neuropixels-build.ts';
export { NAMED_PROBES, getNamedProbe, isNamedProbe, makeProbeByName, type NamedProbe } from './named-probes.ts';
export {
  PROBE_LIBRARY_URL, ProbeLibraryError, getLibraryProbe, libraryCacheKey, libraryRemotePath,
  type LibraryOptions, type ProbeCache, type ProbeLibrarySource,
} from './library.ts';
