import { Hono } from 'hono';
import * as service from '../../services/meeting.service.ts';
import { AnswerSaveSchema, NotesSaveSchema } from '../../shared/meeting-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody, pathId } from '../validate.ts';

/** Meeting mode, under /api/interviews/:id/meeting. */
export function meetingRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id/meeting', async (c) => c.json(await service.getMeeting(ctx, c.get('user').id, pathId(c, 'The interview'))))
    .post('/:id/meeting/start', async (c) => c.json(await service.startMeeting(ctx, c.get('user').id, pathId(c, 'The interview'))))
    .put('/:id/meeting/answers/:itemId', async (c) => {
      const id = pathId(c, 'The interview');
      const itemId = pathId(c, 'The question', 'itemId');
      return c.json(await service.saveAnswer(ctx, c.get('user').id, id, itemId, await jsonBody(c, AnswerSaveSchema)));
    })
    .put('/:id/meeting/notes', async (c) => {
      const id = pathId(c, 'The interview');
      return c.json(await service.saveNotes(ctx, c.get('user').id, id, await jsonBody(c, NotesSaveSchema)));
    })
    .post('/:id/meeting/end', async (c) => c.json(await service.endMeeting(ctx, c.get('user').id, pathId(c, 'The interview'))));
}
