import { Hono } from 'hono';
import * as service from '../../services/organization.service.ts';
import { OrganizationCreateSchema, OrganizationListQuerySchema, OrganizationUpdateSchema, DeleteQuerySchema } from '../../shared/api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody, pathId, query } from '../validate.ts';

export function organizationRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await service.listOrganizations(ctx, c.get('user').id, query(c, OrganizationListQuerySchema))))
    .post('/', async (c) =>
      c.json(await service.createOrganization(ctx, c.get('user').id, await jsonBody(c, OrganizationCreateSchema)), 201),
    )
    .get('/:id', async (c) => c.json(await service.getOrganization(ctx, c.get('user').id, pathId(c, 'The organization'))))
    .patch('/:id', async (c) => {
      const id = pathId(c, 'The organization');
      return c.json(await service.updateOrganization(ctx, c.get('user').id, id, await jsonBody(c, OrganizationUpdateSchema)));
    })
    .delete('/:id', async (c) => {
      const id = pathId(c, 'The organization');
      await service.deleteOrganization(ctx, c.get('user').id, id, query(c, DeleteQuerySchema).version);
      return c.body(null, 204);
    });
}
