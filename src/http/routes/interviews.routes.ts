import { Hono } from 'hono';
import { inviteContentType } from '../../calendar/invite.ts';
import * as service from '../../services/interview.service.ts';
import { DeleteQuerySchema } from '../../shared/api.ts';
import {
  ComposeQuerySchema,
  InterviewCreateSchema,
  InterviewEventInputSchema,
  InterviewListQuerySchema,
  InterviewUpdateSchema,
} from '../../shared/plan-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody, pathId, query } from '../validate.ts';

export function interviewRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await service.listInterviews(ctx, c.get('user').id, query(c, InterviewListQuerySchema))))
    .post('/', async (c) => c.json(await service.createInterview(ctx, c.get('user').id, await jsonBody(c, InterviewCreateSchema)), 201))
    .get('/:id', async (c) => c.json(await service.getInterview(ctx, c.get('user').id, pathId(c, 'The interview'))))
    .patch('/:id', async (c) => {
      const id = pathId(c, 'The interview');
      return c.json(await service.updateInterview(ctx, c.get('user').id, id, await jsonBody(c, InterviewUpdateSchema)));
    })
    .delete('/:id', async (c) => {
      const id = pathId(c, 'The interview');
      await service.deleteInterview(ctx, c.get('user').id, id, query(c, DeleteQuerySchema).version);
      return c.body(null, 204);
    })
    .post('/:id/events', async (c) => {
      const id = pathId(c, 'The interview');
      return c.json(await service.recordEvent(ctx, c.get('user').id, id, await jsonBody(c, InterviewEventInputSchema)));
    })
    .get('/:id/invite.ics', async (c) => {
      const { text, method } = await service.getInterviewInvite(ctx, c.get('user').id, pathId(c, 'The interview'));
      return c.body(text, 200, {
        'content-type': inviteContentType(method),
        'content-disposition': `attachment; filename="${method === 'CANCEL' ? 'cancel' : 'invite'}.ics"`,
      });
    })
    .get('/:id/timeline', async (c) => c.json(await service.getInterviewTimeline(ctx, c.get('user').id, pathId(c, 'The interview'))))
    .get('/:id/compose', async (c) => {
      const id = pathId(c, 'The interview');
      return c.json(await service.composeRequest(ctx, c.get('user').id, id, query(c, ComposeQuerySchema).template));
    });
}
