/** `system.info`: what the UI shows in its about box and uses to fill choices (named probes, cores). */
import { availableParallelism } from 'node:os';
import type { Api } from '../../../app/api/contract.ts';
import type { AppInfo } from '../../../app/api/types.ts';
import { NAMED_PROBES } from '../../../app/probes/named-probes.ts';
import { APP_VERSION } from '../../../app/version.ts';

export function createSystemService(o: { mode: AppInfo['mode']; dataDir: string }): Api['system'] {
  return {
    info: async () => ({ version: APP_VERSION, mode: o.mode, dataDir: o.dataDir, cores: availableParallelism(), namedProbes: [...NAMED_PROBES] }),
  };
}
