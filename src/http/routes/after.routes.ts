import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../env.ts';

export function afterRoutes(_deps: AppDeps) {
  return new Hono<AppEnv>();
}

export function outcomeRoutes(_deps: AppDeps) {
  return new Hono<AppEnv>();
}

