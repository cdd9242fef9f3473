// piscina entry of the preview-window task (see render-chunk.mjs: workers register tsx themselves).
import { register } from 'tsx/esm/api';

register();
const task = await import('./preview-window.ts');
export default task.default;
