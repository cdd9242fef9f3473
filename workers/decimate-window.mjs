// piscina entry of the decimate-window task (see render-chunk.mjs: workers register tsx themselves).
import { register } from 'tsx/esm/api';

register();
const task = await import('./decimate-window.ts');
export default task.default;
