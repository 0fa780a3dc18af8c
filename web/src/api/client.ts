/**
 * The one place that talks HTTP to the Rapport server: same-origin JSON requests
 * with the session cookie, every failure turned into an ApiError.
 */
import { ApiError } from './ApiError.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server answers 401 UNAUTHENTICATED (the session ended). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export type QueryValue = string | number | undefined | null;

export function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'Rapport could not be reached. Check your connection and try again.');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) {
    const error = readError(payload);
    const apiError = new ApiError(
      response.status,
      error?.code ?? 'HTTP_' + response.status,
      error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
      error?.details ?? {},
    );
    if (apiError.code === 'UNAUTHENTICATED') for (const listener of unauthenticatedListeners) listener();
    throw apiError;
  }
  return payload as T;
}

function readError(payload: unknown): { code: string; message: string; details?: Record<string, unknown> } | undefined {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return undefined;
  const error = (payload as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return {
    code,
    message,
    ...(typeof details === 'object' && details !== null ? { details: details as Record<string, unknown> } : {}),
  };
}
