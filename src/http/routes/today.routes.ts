import { Hono } from 'hono';
import * as service from '../../services/today.service.ts';
import { TaskDecisionSchema } from '../../shared/plan-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody } from '../validate.ts';

export function todayRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json(await service.getToday(ctx, c.get('user').id)));
}

export function taskRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>().post('/decisions', async (c) =>
    c.json(await service.decideTask(ctx, c.get('user').id, await jsonBody(c, TaskDecisionSchema))),
  );
}
