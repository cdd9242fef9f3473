// The Electron main process entry (package.json "main"). CommonJS so Electron loads it without a loader; it
// registers tsx and imports the TypeScript main process, as the piscina worker entries do.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by necessity (see above) */
const { register } = require('tsx/esm/api');

register();
import('./main.ts').catch((e) => {
  console.error('Spikegen Studio could not start:', e);
  process.exit(1);
});
