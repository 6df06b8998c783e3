import type { AppLock } from '../core/model.js';
import { PaasError } from '../core/errors.js';
import type { Deps } from './deps.js';

/** A holder refreshes its row this often; a row not refreshed for STALE_MS belongs to a dead operation. */
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 30_000;
const POLL_MS = 500;

export type LockDeps = Pick<Deps, 'store' | 'clock' | 'appLocks' | 'log' | 'instanceId'>;

export interface LockOptions {
  /** How long to wait for another operation before failing with LOCKED. */
  waitMs: number;
  /** Told once when the operation has to wait, with a description of the holder. */
  onWait?: (holder: string) => void;
}

/**
 * Runs `fn` holding the app's operation lock: one deploy, scale, config change, rollback or restart at a time.
 * Operations of this server queue in arrival order; the lock is also a row in the store (with a heartbeat), so that
 * another process sees it and a lock left by a dead operation is recognised and cleared.
 */
export async function withAppLock<T>(deps: LockDeps, app: string, operation: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  const deadline = deps.clock.now().getTime() + opts.waitMs;
  if (deps.appLocks.isBusy(app)) opts.onWait?.(describe(deps.store.locks.get(app)));
  // The wait is bounded; once the operation runs it is not (a build or a health check takes what it takes).
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(lockedError(app, deps.store.locks.get(app)));
    }, opts.waitMs);
  });
  const queued = deps.appLocks.run(app, async () => {
    if (timedOut) return undefined;
    clearTimeout(timer);
    await acquireRow(deps, app, operation, deadline, opts);
    const beat = setInterval(() => deps.store.locks.heartbeat(app, deps.instanceId, deps.clock.now().toISOString()), HEARTBEAT_MS);
    beat.unref();
    try {
      return { value: await fn() };
    } finally {
      clearInterval(beat);
      deps.store.locks.release(app, deps.instanceId);
    }
  });
  const r = await Promise.race([queued, waited]);
  if (!r) throw lockedError(app, deps.store.locks.get(app));
  return r.value;
}

async function acquireRow(deps: LockDeps, app: string, operation: string, deadline: number, opts: LockOptions): Promise<void> {
  let told = false;
  for (;;) {
    const now = deps.clock.now();
    const taken = deps.store.transaction(() => {
      const held = deps.store.locks.get(app);
      if (held && held.owner !== deps.instanceId && now.getTime() - Date.parse(held.heartbeatAt) < STALE_MS) return held;
      if (held && held.owner !== deps.instanceId) deps.log.warn({ app, lock: held }, 'cleared a lock left by a dead operation');
      deps.store.locks.put({ app, operation, owner: deps.instanceId, acquiredAt: now.toISOString(), heartbeatAt: now.toISOString() });
      return undefined;
    });
    if (!taken) return;
    if (now.getTime() >= deadline) throw lockedError(app, taken);
    if (!told) opts.onWait?.(describe(taken));
    told = true;
    await deps.clock.sleep(POLL_MS);
  }
}

/** At start-up: this server is the only one on its data dir, so every lock row of an earlier run is dead. */
export function clearDeadLocks(deps: Pick<Deps, 'store' | 'log' | 'instanceId'>): AppLock[] {
  const cleared = deps.store.locks.clearOthers(deps.instanceId);
  for (const lock of cleared) deps.log.warn({ app: lock.app, lock }, 'cleared a lock left by a dead operation');
  return cleared;
}

function describe(lock: AppLock | undefined): string {
  return lock ? `${lock.operation} (since ${lock.acquiredAt})` : 'another operation';
}

function lockedError(app: string, lock: AppLock | undefined): PaasError {
  return new PaasError('LOCKED', `app ${app} is busy: ${describe(lock)} is still running`, {
    hint: 'try again when it has finished',
    data: lock ? { operation: lock.operation, since: lock.acquiredAt } : undefined,
  });
}
