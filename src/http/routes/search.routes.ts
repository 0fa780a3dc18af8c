import { Hono } from 'hono';
import * as service from '../../services/search.service.ts';
import { SearchQuerySchema } from '../../shared/api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { query } from '../validate.ts';

export function searchRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => c.json(await service.search(ctx, c.get('user').id, query(c, SearchQuerySchema))));
}
