import { describe, expect, it } from 'vitest';
import { planSwitch, containerEnv } from '../../src/core/deploy-plan.js';
import type { PortAssignment, Release } from '../../src/core/model.js';

const release: Release = {
  app: 'shop', version: 3, image: 'paas/shop:v3', config: { A: '1', PORT: 'ignored' }, processes: { worker: 'node worker.js' },
  description: '', status: 'pending', createdAt: '',
};
const ports: PortAssignment[] = [
  { port: 20000, app: 'shop', process: 'web', replica: 1, slot: 'blue' },
  { port: 20001, app: 'shop', process: 'web', replica: 1, slot: 'green' },
];

describe('blue/green switch plan', () => {
  it('starts the first release on blue, with its port, env and labels', () => {
    const plan = planSwitch({ release, ports, formation: { web: 1 } });
    expect(plan.slot).toBe('blue');
    expect(plan.start).toEqual([
      {
        name: 'paas-shop-web-1-blue', image: 'paas/shop:v3', process: 'web', replica: 1, port: 20000, cmd: undefined,
        env: { A: '1', PORT: '20000', PAAS_APP: 'shop', PAAS_RELEASE: 'v3', DYNO: 'web.1' },
        labels: { 'paas.managed': 'true', 'paas.app': 'shop', 'paas.release': 'v3', 'paas.process': 'web', 'paas.replica': '1', 'paas.slot': 'blue', 'paas.port': '20000' },
      },
    ]);
  });

  it('goes to the slot that is not live', () => {
    const plan = planSwitch({ release, ports, formation: { web: 1 }, liveSlot: 'blue' });
    expect(plan.slot).toBe('green');
    expect(plan.start[0]!.port).toBe(20001);
  });

  it('runs Procfile commands through sh, workers without a port', () => {
    const plan = planSwitch({ release: { ...release, config: {} }, ports, formation: { web: 1, worker: 2 } });
    const workers = plan.start.filter((c) => c.process === 'worker');
    expect(workers.map((w) => w.name)).toEqual(['paas-shop-worker-1-blue', 'paas-shop-worker-2-blue']);
    expect(workers[0]!.cmd).toEqual(['/bin/sh', '-c', 'node worker.js']);
    expect(workers[0]!.port).toBeUndefined();
    expect(workers[0]!.env.PORT).toBeUndefined();
  });

  it('fails clearly when a web replica has no port', () => {
    expect(() => planSwitch({ release, ports, formation: { web: 2 } })).toThrow(expect.objectContaining({ code: 'NO_PORTS' }));
  });

  it('keeps config values byte for byte (newlines, quotes, $)', () => {
    const value = 'line1\nline2 "q" \'s\' $(rm -rf /) `x`';
    expect(containerEnv({ ...release, config: { V: value } }, 'web', 1, 1).V).toBe(value);
  });
});
