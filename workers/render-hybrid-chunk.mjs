// piscina entry of the render-hybrid-chunk task: worker threads do not inherit a loader registered with tsx's API,
// so each worker registers it before importing the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const task = await import('./render-hybrid-chunk.ts');
export default task.default;
