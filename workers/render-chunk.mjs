// piscina entry of the render-chunk task: worker threads do not inherit a loader registered with tsx's API,
// so each worker registers it before importing the TypeScript task.
import { register } from 'tsx/esm/api';

register();
const task = await import('./render-chunk.ts');
export default task.default;
// the pool's other task: templates at displacement steps while the ground truth is built (template-steps.ts)
export const templateSteps = task.templateSteps;
