import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../env.ts';

export function meetingRoutes(_deps: AppDeps) {
  return new Hono<AppEnv>();
}

