import { Hono } from 'hono';
import * as service from '../../services/preference.service.ts';
import { PreferencesUpdateSchema } from '../../shared/plan-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody } from '../validate.ts';

export function preferenceRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await service.getPreferences(ctx, c.get('user').id)))
    .put('/', async (c) => c.json(await service.updatePreferences(ctx, c.get('user').id, await jsonBody(c, PreferencesUpdateSchema))));
}
