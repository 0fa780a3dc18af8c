import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../env.ts';

export function prepareRoutes(_deps: AppDeps) {
  return new Hono<AppEnv>();
}

export function questionRoutes(_deps: AppDeps) {
  return new Hono<AppEnv>();
}

