import type { UserOutput } from '../ports.js';
import type { App } from '../core/model.js';
import { errorMessage } from '../core/errors.js';
import { formatError, formatInfo, formatStep } from '../core/user-output.js';
import type { Logger } from 'pino';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';
import { withAppLock } from './app-lock.js';

/** API operations wait this long for another one on the same app (the CLI's HTTP request is still open). */
export const API_LOCK_WAIT_MS = 4 * 60_000;
/** A push waits longer: builds are slow, and git keeps the connection open. */
export const PUSH_LOCK_WAIT_MS = 30 * 60_000;

export interface OperationContext {
  app: App;
  deployId: number;
  log: Logger;
}

/**
 * One change to an app's running state (push, config, rollback, scale, restart, limits, volumes): under the app's
 * lock, recorded as a deploy whose steps a restarted paas can read, and finished as succeeded or failed.
 */
export async function runOperation<T>(
  deps: Deps,
  appName: string,
  kind: string,
  out: UserOutput,
  fn: (ctx: OperationContext) => Promise<T>,
  waitMs = API_LOCK_WAIT_MS,
): Promise<T> {
  const name = requireApp(deps, appName).name;
  const onWait = (holder: string) => out.info(`another operation on this app is running (${holder}): waiting for it`);
  return withAppLock(deps, name, kind, { waitMs, onWait }, async () => {
    const app = requireApp(deps, name);
    const deploy = deps.store.deploys.start(app.name, kind);
    const log = deps.log.child({ app: app.name, deployId: deploy.id, kind });
    try {
      const result = await fn({ app, deployId: deploy.id, log });
      deps.store.deploys.finish(deploy.id, 'succeeded');
      return result;
    } catch (e) {
      deps.store.deploys.finish(deploy.id, 'failed', errorMessage(e));
      log.warn({ err: errorMessage(e) }, `${kind} failed`);
      throw e;
    }
  });
}

/** Collects user lines for an API answer (the CLI prints them). */
export function collectOutput(): UserOutput & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    step: (t) => lines.push(formatStep(t)),
    info: (t) => lines.push(formatInfo(t)),
    error: (t) => lines.push(formatError(t)),
  };
}
