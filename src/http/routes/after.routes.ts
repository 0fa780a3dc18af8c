import { Hono } from 'hono';
import * as service from '../../services/after.service.ts';
import { DeleteQuerySchema } from '../../shared/api.ts';
import {
  OutcomeCreateSchema,
  OutcomeListQuerySchema,
  OutcomeUpdateSchema,
  ReferralCreateSchema,
  ReferralUpdateSchema,
  ThankYouSaveSchema,
  ThankYouSendSchema,
  WriteUpSaveSchema,
} from '../../shared/after-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody, pathId, query } from '../validate.ts';

/** After the meeting, mounted at /api/interviews: write-up, referrals, thank-you. */
export function afterRoutes({ ctx }: AppDeps) {
  const interview = (c: Parameters<typeof pathId>[0]) => pathId(c, 'The interview');
  return new Hono<AppEnv>()
    .get('/:id/after', async (c) => c.json(await service.getAfterSummary(ctx, c.get('user').id, interview(c))))
    .get('/:id/write-up', async (c) => c.json(await service.getWriteUp(ctx, c.get('user').id, interview(c))))
    .put('/:id/write-up', async (c) => {
      const id = interview(c);
      return c.json(await service.saveWriteUp(ctx, c.get('user').id, id, await jsonBody(c, WriteUpSaveSchema)));
    })
    .get('/:id/referrals', async (c) => c.json(await service.listReferrals(ctx, c.get('user').id, interview(c))))
    .post('/:id/referrals', async (c) => {
      const id = interview(c);
      return c.json(await service.addReferral(ctx, c.get('user').id, id, await jsonBody(c, ReferralCreateSchema)), 201);
    })
    .patch('/:id/referrals/:referralId', async (c) => {
      const id = interview(c);
      const referralId = pathId(c, 'The referral', 'referralId');
      return c.json(await service.updateReferral(ctx, c.get('user').id, id, referralId, await jsonBody(c, ReferralUpdateSchema)));
    })
    .get('/:id/outcomes', async (c) => c.json(await service.listOutcomes(ctx, c.get('user').id, { interviewId: interview(c) })))
    .get('/:id/thank-you', async (c) => c.json(await service.getThankYou(ctx, c.get('user').id, interview(c))))
    .put('/:id/thank-you', async (c) => {
      const id = interview(c);
      return c.json(await service.saveThankYou(ctx, c.get('user').id, id, await jsonBody(c, ThankYouSaveSchema)));
    })
    .post('/:id/thank-you/send', async (c) => {
      const id = interview(c);
      return c.json(await service.sendThankYou(ctx, c.get('user').id, id, await jsonBody(c, ThankYouSendSchema)));
    });
}

/** Leads, job interviews and offers, mounted at /api/outcomes. */
export function outcomeRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await service.listOutcomes(ctx, c.get('user').id, query(c, OutcomeListQuerySchema))))
    .post('/', async (c) => c.json(await service.createOutcome(ctx, c.get('user').id, await jsonBody(c, OutcomeCreateSchema)), 201))
    .get('/:id', async (c) => c.json(await service.getOutcome(ctx, c.get('user').id, pathId(c, 'The outcome'))))
    .patch('/:id', async (c) => {
      const id = pathId(c, 'The outcome');
      return c.json(await service.updateOutcome(ctx, c.get('user').id, id, await jsonBody(c, OutcomeUpdateSchema)));
    })
    .delete('/:id', async (c) => {
      const id = pathId(c, 'The outcome');
      await service.deleteOutcome(ctx, c.get('user').id, id, query(c, DeleteQuerySchema).version);
      return c.body(null, 204);
    });
}
