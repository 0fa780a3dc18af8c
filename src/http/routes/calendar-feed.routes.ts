import { Hono } from 'hono';
import { FEED_CONTENT_TYPE } from '../../calendar/feed.ts';
import { AppError } from '../../core/errors.ts';
import * as feed from '../../services/calendar-feed.service.ts';
import type { AppDeps, AppEnv } from '../env.ts';

/** The signed-in account's feed: see it, make (or remake) it, revoke it. */
export function calendarFeedRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await feed.getFeedInfo(ctx, c.get('user').id)))
    .post('/', async (c) => c.json(await feed.createFeed(ctx, c.get('user').id), 201))
    .delete('/', async (c) => {
      await feed.revokeFeed(ctx, c.get('user').id);
      return c.body(null, 204);
    });
}

/** `GET /feed/<token>.ics`: no session — calendar apps cannot sign in; the token is the key. */
export function publicFeedRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>().get('/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.ics')) throw new AppError('NOT_FOUND', 'That calendar feed was not found.');
    const text = await feed.renderFeed(ctx, file.slice(0, -'.ics'.length));
    return c.body(text, 200, { 'content-type': FEED_CONTENT_TYPE, 'cache-control': 'private, max-age=300' });
  });
}
