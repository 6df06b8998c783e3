import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/store/sqlite/index.js';
import { KeyedMutex } from '../../src/core/mutex.js';
import { clearDeadLocks, STALE_MS, withAppLock, type LockDeps } from '../../src/services/app-lock.js';
import type { StateStore } from '../../src/ports.js';

// The lock against a real SQLite store; time is a fake clock where staleness matters.
describe('per-app operation lock', () => {
  let dir: string;
  let store: StateStore;
  let now: number;
  const deps = (instanceId: string): LockDeps => ({
    store, instanceId, appLocks: new KeyedMutex(), log: pino({ level: 'silent' }),
    clock: { now: () => new Date(now), sleep: async (ms) => void (now += ms) },
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'paas-lock-'));
    store = openSqliteStore(join(dir, 'paas.db'));
    store.apps.create('shop');
    now = Date.parse('2026-01-01T00:00:00Z');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs operations one at a time, in arrival order, and tells the second one it waits', async () => {
    const d = deps('a');
    const order: string[] = [];
    const waits: string[] = [];
    let release!: () => void;
    let running!: () => void;
    const started = new Promise<void>((r) => (running = r));
    const first = withAppLock(d, 'shop', 'push', { waitMs: 60_000 }, async () => {
      order.push('push:start');
      running();
      expect(store.locks.get('shop')).toMatchObject({ operation: 'push', owner: 'a' });
      await new Promise<void>((r) => (release = r));
      order.push('push:end');
    });
    await started;
    const second = withAppLock(d, 'shop', 'config', { waitMs: 60_000, onWait: (h) => waits.push(h) }, async () => void order.push('config'));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['push:start', 'push:end', 'config']);
    expect(waits).toEqual([expect.stringMatching(/^push \(since /)]);
    expect(store.locks.get('shop')).toBeUndefined();
  });

  it('fails clearly with LOCKED when another live process holds the lock past the wait', async () => {
    const t = new Date(now).toISOString();
    store.locks.put({ app: 'shop', operation: 'rollback', owner: 'other', acquiredAt: t, heartbeatAt: t });
    await expect(withAppLock(deps('a'), 'shop', 'scale', { waitMs: 2_000 }, async () => 'ran')).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringMatching(/^app shop is busy: rollback \(since .*\) is still running$/),
    });
    expect(store.locks.get('shop')?.owner).toBe('other');
  });

  it('takes over a lock whose holder stopped its heartbeat', async () => {
    const t = new Date(now - STALE_MS - 1).toISOString();
    store.locks.put({ app: 'shop', operation: 'push', owner: 'dead', acquiredAt: t, heartbeatAt: t });
    expect(await withAppLock(deps('a'), 'shop', 'config', { waitMs: 1_000 }, async () => store.locks.get('shop')?.owner)).toBe('a');
  });

  it('clears the locks of an earlier run at start-up and keeps its own', () => {
    const t = new Date(now).toISOString();
    store.locks.put({ app: 'shop', operation: 'push', owner: 'previous-run', acquiredAt: t, heartbeatAt: t });
    expect(clearDeadLocks(deps('current')).map((l) => l.owner)).toEqual(['previous-run']);
    expect(store.locks.get('shop')).toBeUndefined();
  });

  it('releases the lock when the operation throws', async () => {
    await expect(withAppLock(deps('a'), 'shop', 'push', { waitMs: 1_000 }, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(store.locks.get('shop')).toBeUndefined();
  });
});
