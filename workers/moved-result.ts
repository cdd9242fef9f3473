/**
 * A task result `{...fields, data}` whose typed array is transferred (moved) to the main thread, not cloned:
 * piscina's `move` of an object that names its transferables (transferableSymbol) and its value (valueSymbol).
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';

export function movedResult<T extends { data: ArrayBufferView }>(result: T): T {
  const holder = {
    get [transferableSymbol]() { return [result.data.buffer]; },
    get [valueSymbol]() { return result; },
  };
  return move(holder as never) as unknown as T;
}
