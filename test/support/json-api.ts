/**
 * JSON calls to the in-process app as a signed-in user, for API tests: `call` answers the status, content type,
 * raw text and parsed JSON body; `api` also expects a status (200 unless told) and names the call and the answer
 * when it differs. Getters, because the app and the cookie are made in `beforeAll`.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export function jsonApi(app: () => TestApp, signedIn: () => string) {
  const call = async (method: string, path: string, body?: unknown, as: string = signedIn()) => {
    const response = await app().request(method, path, { cookie: as, body });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    // Untyped on purpose: each test names the shape it expects with `api<T>` or reads fields as it needs.
    const parsed: any = type.includes('json') && text ? JSON.parse(text) : undefined;
    return { status: response.status, type, text, body: parsed };
  };
  const api = async <T>(method: string, path: string, body?: unknown, expected = 200, as: string = signedIn()): Promise<T> => {
    const r = await call(method, path, body, as);
    expect(r.status, `${method} ${path}: ${r.text}`).toBe(expected);
    return r.body as T;
  };
  return { call, api };
}
