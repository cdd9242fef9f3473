/**
 * Runs `count` chunk tasks in order with at most `inFlight` submitted at a time: the pool's queue never holds the
 * whole recording, so chunks finish close to file order (the checksums hash them as they come, holding only the
 * few that finish early) and a cancel has little to unwind. The first failure stops the submissions, aborts the
 * running tasks through `abort`, waits for them to settle and is thrown.
 */
export async function runChunksInWindow(count: number, inFlight: number, run: (i: number) => Promise<void>, abort: (e: unknown) => void): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure && next < count) {
      const i = next++;
      try {
        await run(i);
      } catch (e) {
        if (!failure) { failure = { error: e }; abort(e); }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(inFlight, count)) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}
