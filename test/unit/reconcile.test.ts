import { describe, expect, it } from 'vitest';
import { reconcile, type ObservedContainer } from '../../src/core/reconcile.js';
import { planSwitch } from '../../src/core/deploy-plan.js';
import { CrashTracker } from '../../src/core/crash-loop.js';
import type { Release } from '../../src/core/model.js';

const release = (version: number): Release => ({
  app: 'shop', version, image: `paas/shop:v${version}`, config: {}, processes: {}, description: '', status: 'active', createdAt: '',
});
const ports = [
  { port: 20000, app: 'shop', process: 'web', replica: 1, slot: 'blue' as const },
  { port: 20001, app: 'shop', process: 'web', replica: 1, slot: 'green' as const },
];
const desired = planSwitch({ release: release(2), ports, formation: { web: 1 } }).start; // blue slot
const observed = (over: Partial<ObservedContainer> = {}): ObservedContainer => ({
  id: 'c1', name: desired[0]!.name, image: desired[0]!.image, state: 'running', labels: desired[0]!.labels, ...over,
});
const none = { busyApps: new Set<string>(), crashed: new Set<string>() };

describe('reconcile', () => {
  it('does nothing when reality matches', () => {
    expect(reconcile({ desired, observed: [observed()], ...none })).toEqual([]);
  });

  it('starts a missing container', () => {
    expect(reconcile({ desired, observed: [], ...none })).toEqual([{ kind: 'start', planned: desired[0], reason: 'missing' }]);
  });

  it('replaces a stopped container (docker stop behind our back, or a crash Docker gave up on)', () => {
    expect(reconcile({ desired, observed: [observed({ state: 'exited' })], ...none })).toEqual([
      { kind: 'replace', id: 'c1', planned: desired[0], reason: 'exited' },
    ]);
  });

  it('leaves a crashed process stopped', () => {
    const crashed = new Set([desired[0]!.name]);
    expect(reconcile({ desired, observed: [observed({ state: 'exited' })], busyApps: new Set(), crashed })).toEqual([]);
    expect(reconcile({ desired, observed: [], busyApps: new Set(), crashed })).toEqual([]);
  });

  it('replaces a container of another release', () => {
    const old = { ...desired[0]!.labels, 'paas.release': 'v1' };
    const [action] = reconcile({ desired, observed: [observed({ labels: old, image: 'paas/shop:v1' })], ...none });
    expect(action).toMatchObject({ kind: 'replace', id: 'c1', reason: 'runs v1, wants v2' });
  });

  it('removes orphans, but not while the app has an operation in progress', () => {
    const orphan = observed({ id: 'c9', name: 'paas-gone-web-1-blue', labels: { 'paas.app': 'gone', 'paas.managed': 'true' } });
    expect(reconcile({ desired, observed: [observed(), orphan], ...none })).toEqual([
      { kind: 'remove', id: 'c9', name: 'paas-gone-web-1-blue', reason: 'not wanted by any release' },
    ]);
    expect(reconcile({ desired, observed: [observed(), orphan], busyApps: new Set(['gone']), crashed: new Set() })).toEqual([]);
    expect(reconcile({ desired, observed: [], busyApps: new Set(['shop']), crashed: new Set() })).toEqual([]);
  });
});

describe('crash loops', () => {
  it('backs off exponentially and marks a process crashed after more than 5 exits in 60 s', () => {
    const t = new CrashTracker();
    const verdicts = [0, 1, 2, 3, 4, 5].map((i) => t.recordExit('web.1', 1000 + i * 1000));
    expect(verdicts.map((v) => v.delayMs)).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
    expect(verdicts.map((v) => v.crashed)).toEqual([false, false, false, false, false, true]);
  });

  it('forgets exits older than the window, and clears on demand', () => {
    const t = new CrashTracker();
    for (let i = 0; i < 5; i++) t.recordExit('w', i);
    expect(t.recordExit('w', 70_000)).toMatchObject({ exits: 1, crashed: false });
    t.recordExit('w', 70_001);
    t.clear((k) => k === 'w');
    expect(t.recordExit('w', 70_002).exits).toBe(1);
  });
});

import { recoverDeploy } from '../../src/core/recovery.js';

describe('recovering a deploy interrupted by a restart of paas', () => {
  const d = (step: string, version?: number) => ({ id: 1, app: 'shop', kind: 'push', status: 'running' as const, step, version, startedAt: '' });
  it('undoes a deploy whose switch was not recorded', () => {
    expect(recoverDeploy(d('building', 3))).toMatchObject({ deploy: 'failed', release: 'failed' });
    expect(recoverDeploy(d('starting:green', 3))).toMatchObject({ deploy: 'failed', release: 'failed' });
    expect(recoverDeploy(d('started'))).toMatchObject({ deploy: 'failed', release: undefined });
  });
  it('finishes a deploy whose switch was recorded', () => {
    for (const step of ['live:green', 'draining', 'stopping-old', 'done']) {
      expect(recoverDeploy(d(step, 3))).toMatchObject({ deploy: 'succeeded', release: 'active' });
    }
    expect(recoverDeploy(d('undone', 3))).toMatchObject({ deploy: 'failed' });
  });
});
