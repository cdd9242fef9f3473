/**
 * The chunks a dataset is rendered in: consecutive [start, end) sample ranges of `chunk_seconds`, rounded to
 * whole noise blocks when a chunk spans more than one block, so that each noise block is drawn by one task.
 */
export interface Chunk { index: number; start: number; end: number }

export function planChunks(numSamples: number, samplingFrequency: number, chunkSeconds: number, noiseBlockSize: number): Chunk[] {
  let size = Math.max(1, Math.round(chunkSeconds * samplingFrequency));
  if (size >= noiseBlockSize) size = Math.round(size / noiseBlockSize) * noiseBlockSize;
  const chunks: Chunk[] = [];
  for (let start = 0, index = 0; start < numSamples; start += size, index++) {
    chunks.push({ index, start, end: Math.min(numSamples, start + size) });
  }
  return chunks;
}
