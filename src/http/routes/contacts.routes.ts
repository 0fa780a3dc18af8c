import { Hono } from 'hono';
import * as service from '../../services/contact.service.ts';
import { getContactTimeline } from '../../services/interview.service.ts';
import * as network from '../../services/network.service.ts';
import { ContactCreateSchema, ContactListQuerySchema, ContactUpdateSchema, DeleteQuerySchema } from '../../shared/api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody, pathId, query } from '../validate.ts';

export function contactRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await service.listContacts(ctx, c.get('user').id, query(c, ContactListQuerySchema))))
    .get('/tags', async (c) => c.json(await service.listTags(ctx, c.get('user').id)))
    .post('/', async (c) => c.json(await service.createContact(ctx, c.get('user').id, await jsonBody(c, ContactCreateSchema)), 201))
    .get('/:id', async (c) => c.json(await service.getContact(ctx, c.get('user').id, pathId(c, 'The contact'))))
    .get('/:id/history', async (c) => c.json(await service.getContactHistory(ctx, c.get('user').id, pathId(c, 'The contact'))))
    .get('/:id/timeline', async (c) => c.json(await getContactTimeline(ctx, c.get('user').id, pathId(c, 'The contact'))))
    .get('/:id/links', async (c) => c.json(await network.getLinks(ctx, c.get('user').id, pathId(c, 'The contact'))))
    .put('/:id/links/:otherId', async (c) =>
      c.json(await network.linkContacts(ctx, c.get('user').id, pathId(c, 'The contact'), pathId(c, 'The other contact', 'otherId'))),
    )
    .delete('/:id/links/:otherId', async (c) =>
      c.json(await network.unlinkContacts(ctx, c.get('user').id, pathId(c, 'The contact'), pathId(c, 'The other contact', 'otherId'))),
    )
    .patch('/:id', async (c) => {
      const id = pathId(c, 'The contact');
      return c.json(await service.updateContact(ctx, c.get('user').id, id, await jsonBody(c, ContactUpdateSchema)));
    })
    .delete('/:id', async (c) => {
      const id = pathId(c, 'The contact');
      await service.deleteContact(ctx, c.get('user').id, id, query(c, DeleteQuerySchema).version);
      return c.body(null, 204);
    });
}
