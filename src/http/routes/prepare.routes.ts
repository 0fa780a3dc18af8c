import { Hono } from 'hono';
import * as prepare from '../../services/prepare.service.ts';
import * as questions from '../../services/question.service.ts';
import {
  AgendaUpdateSchema,
  PrepareQuerySchema,
  QuestionCreateSchema,
  QuestionListQuerySchema,
  QuestionUpdateSchema,
  ResearchUpdateSchema,
} from '../../shared/prepare-api.ts';
import type { AppDeps, AppEnv } from '../env.ts';
import { jsonBody, pathId, query } from '../validate.ts';

/** Preparing one interview, mounted at /api/interviews: research notes, picked questions, the planned agenda. */
export function prepareRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/:id/prepare', async (c) => {
      const id = pathId(c, 'The interview');
      return c.json(await prepare.getPrepare(ctx, c.get('user').id, id, query(c, PrepareQuerySchema).minutes));
    })
    .put('/:id/agenda', async (c) => {
      const id = pathId(c, 'The interview');
      return c.json(await prepare.setAgenda(ctx, c.get('user').id, id, await jsonBody(c, AgendaUpdateSchema)));
    })
    .patch('/:id/research', async (c) => {
      const id = pathId(c, 'The interview');
      return c.json(await prepare.updateResearch(ctx, c.get('user').id, id, await jsonBody(c, ResearchUpdateSchema)));
    });
}

/** The question bank, mounted at /api/questions. */
export function questionRoutes({ ctx }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', async (c) => c.json(await questions.listQuestions(ctx, c.get('user').id, query(c, QuestionListQuerySchema))))
    .post('/', async (c) => c.json(await questions.createQuestion(ctx, c.get('user').id, await jsonBody(c, QuestionCreateSchema)), 201))
    .get('/:id', async (c) => c.json(await questions.getQuestion(ctx, c.get('user').id, pathId(c, 'The question'))))
    .patch('/:id', async (c) => {
      const id = pathId(c, 'The question');
      return c.json(await questions.updateQuestion(ctx, c.get('user').id, id, await jsonBody(c, QuestionUpdateSchema)));
    });
}
