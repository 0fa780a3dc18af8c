import { Hono } from 'hono';
import * as service from '../../services/target.service.ts';
import { DeleteQuerySchema } from '../../shared/api.ts';
import { TargetCreateSchema, TargetUpdateSchema } from '../../shared/plan-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody, pathId, query } from '../validate.ts';

export function targetRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await service.listTargets(ctx, c.get('user').id)))
    .post('/', async (c) => c.json(await service.createTarget(ctx, c.get('user').id, await jsonBody(c, TargetCreateSchema)), 201))
    .get('/:id', async (c) => c.json(await service.getTargetDetail(ctx, c.get('user').id, pathId(c, 'The target'))))
    .patch('/:id', async (c) => {
      const id = pathId(c, 'The target');
      return c.json(await service.updateTarget(ctx, c.get('user').id, id, await jsonBody(c, TargetUpdateSchema)));
    })
    .delete('/:id', async (c) => {
      const id = pathId(c, 'The target');
      await service.deleteTarget(ctx, c.get('user').id, id, query(c, DeleteQuerySchema).version);
      return c.body(null, 204);
    });
}
