/**
 * Sends a whole file as a request body with XMLHttpRequest, because fetch cannot
 * report upload progress. Failures become ApiErrors, like every other API call.
 */
import { ApiError } from '../api/ApiError.ts';
import { request } from '../api/client.ts';

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send, when the browser knows. */
  total: number | null;
}

export interface UploadOptions {
  contentType: string;
  /** Called as the body goes out. */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Called once the whole body is sent and the server is working on it. */
  onUploaded?: (() => void) | undefined;
  signal?: AbortSignal | undefined;
}

export function uploadFile<T>(path: string, body: Blob, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', options.contentType);

    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : null });
    };
    xhr.upload.onload = () => options.onUploaded?.();

    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => options.signal?.removeEventListener('abort', onAbort);

    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'NETWORK', 'Rapport could not be reached. Check your connection and try again.'));
    };
    xhr.onload = () => {
      done();
      let payload: unknown = undefined;
      if (xhr.responseText) {
        try {
          payload = JSON.parse(xhr.responseText);
        } catch {
          payload = undefined;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(payload as T);
        return;
      }
      const error = readError(payload);
      const apiError = new ApiError(
        xhr.status,
        error?.code ?? `HTTP_${xhr.status}`,
        error?.message ?? `The server answered ${xhr.status} ${xhr.statusText}.`,
        error?.details ?? {},
      );
      // The session ended: asking for it again through the shared client lets the app notice.
      if (apiError.code === 'UNAUTHENTICATED') void request('GET', '/api/session').catch(() => undefined);
      reject(apiError);
    };

    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    xhr.send(body);
  });
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
