export * from './contract.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './types.ts';
export { createApiClient, type ApiClient, type Transport } from './client.ts';
export { dispatch, type DispatchResult } from './dispatch.ts';
export * from './wire.ts';
export * from './viewer-types.ts';
export * from './hybrid-api-types.ts';
