export * from './ApiError.ts';
export * from './client.ts';
export * from './endpoints.ts';
export * from './queryKeys.ts';
export * from './invalidate.ts';
export * from './plan-endpoints.ts';
export * from './schedule-endpoints.ts';
