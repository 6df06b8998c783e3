import { describe, expect, it } from 'vitest';
import { CrashTracker, crashKey } from '../../src/core/crash-loop.js';
import { recoverDeploy } from '../../src/core/recovery.js';

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

describe('crash keys', () => {
  it('name a process of an app, so that ps:restart can clear one type', () => {
    const t = new CrashTracker();
    t.recordExit(crashKey('shop', 'web', 1), 0);
    t.recordExit(crashKey('shop', 'worker', 1), 0);
    t.clear((k) => k.startsWith('shop/web.'));
    expect(t.recordExit(crashKey('shop', 'web', 1), 1).exits).toBe(1);
    expect(t.recordExit(crashKey('shop', 'worker', 1), 1).exits).toBe(2);
  });
});
