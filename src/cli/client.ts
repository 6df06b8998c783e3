import { PaasError, type ErrorCode } from '../core/errors.js';
import type { Credentials } from './credentials.js';

/** A request body sent as it is, not as JSON. */
class RawBody {
  constructor(
    readonly data: Buffer,
    readonly contentType: string,
  ) {}
}

/** The CLI's only way to the server: the HTTP API with the token. */
export class ApiClient {
  constructor(readonly creds: Credentials) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(method, path, body);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /** Sends a file as the raw request body (a backup to restore). */
  async upload<T>(path: string, data: Buffer, contentType: string): Promise<T> {
    const res = await this.fetch('POST', path, new RawBody(data, contentType));
    return (await res.json()) as T;
  }

  /** For streaming answers (logs): the caller reads `body`. */
  async stream(path: string, signal?: AbortSignal): Promise<Response> {
    return this.fetch('GET', path, undefined, signal);
  }

  private async fetch(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    let res: Response;
    const raw = body instanceof RawBody ? body : undefined;
    try {
      res = await fetch(this.creds.url + path, {
        method,
        signal,
        headers: {
          Authorization: `Bearer ${this.creds.token}`,
          ...(body === undefined ? {} : { 'Content-Type': raw ? raw.contentType : 'application/json' }),
        },
        body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new PaasError('SERVER_UNREACHABLE', `cannot reach ${this.creds.url}: ${(e as Error).cause ?? (e as Error).message}`);
    }
    if (!res.ok) {
      const payload = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; hint?: string } } | undefined;
      const err = payload?.error;
      throw new PaasError((err?.code ?? 'INTERNAL') as ErrorCode, err?.message ?? `HTTP ${res.status}`, { hint: err?.hint });
    }
    return res;
  }
}
