import { PaasError } from './errors.js';

/** One check of app.json `healthchecks.web`: GET `path` must answer below 500. */
export interface HealthcheckSpec {
  path: string;
  /** Seconds one probe may take. */
  timeout: number;
  /** Roughly one probe a second: the container gets this many seconds to pass. */
  attempts: number;
}

/** The default: GET / answers below 500 within 30 s. */
export const DEFAULT_HEALTHCHECK: HealthcheckSpec = Object.freeze({ path: '/', timeout: 5, attempts: 30 });

/**
 * Reads `healthchecks.web` from app.json (Dokku's shape: `[{ path, timeout, attempts }]`); the default when the file
 * or the key is absent. A malformed entry fails the deploy with the reason rather than being ignored.
 */
export function parseHealthchecks(appJson: string | undefined): HealthcheckSpec[] {
  if (appJson === undefined) return [DEFAULT_HEALTHCHECK];
  let doc: unknown;
  try {
    doc = JSON.parse(appJson);
  } catch (e) {
    throw new PaasError('INVALID_INPUT', `app.json is not valid JSON: ${(e as Error).message}`);
  }
  const web = (doc as { healthchecks?: { web?: unknown } } | null)?.healthchecks?.web;
  if (web === undefined) return [DEFAULT_HEALTHCHECK];
  if (!Array.isArray(web) || web.length === 0) throw new PaasError('INVALID_INPUT', 'app.json: healthchecks.web must be a non-empty list');
  return web.map((entry, i) => checkEntry(entry, i));
}

function checkEntry(entry: unknown, i: number): HealthcheckSpec {
  const where = `app.json: healthchecks.web[${i}]`;
  if (typeof entry !== 'object' || entry === null) throw new PaasError('INVALID_INPUT', `${where} must be an object`);
  const e = entry as Record<string, unknown>;
  const path = e.path ?? DEFAULT_HEALTHCHECK.path;
  if (typeof path !== 'string' || !/^\/[\x21-\x7e]{0,1023}$/.test(path)) throw new PaasError('INVALID_INPUT', `${where}.path must start with / and hold no spaces`);
  return { path, timeout: bounded(e.timeout, DEFAULT_HEALTHCHECK.timeout, 1, 120, `${where}.timeout`), attempts: bounded(e.attempts, DEFAULT_HEALTHCHECK.attempts, 1, 600, `${where}.attempts`) };
}

function bounded(v: unknown, fallback: number, min: number, max: number, what: string): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new PaasError('INVALID_INPUT', `${what} must be a whole number from ${min} to ${max}`);
  return v;
}
