import { describe, expect, it } from 'vitest';
import { chooseSlots, containerEnv, observedFromLabels, planContainers, planConvergence, type ObservedContainer } from '../../src/core/deploy-plan.js';
import type { PortAssignment, Release } from '../../src/core/model.js';

const release: Release = {
  app: 'shop', version: 3, image: 'paas/shop:v3', config: { A: '1', PORT: 'ignored' }, processes: { worker: 'node worker.js' },
  description: '', status: 'pending', createdAt: '',
};
const ports: PortAssignment[] = [
  { port: 20000, app: 'shop', process: 'web', replica: 1, slot: 'blue' },
  { port: 20001, app: 'shop', process: 'web', replica: 1, slot: 'green' },
  { port: 20002, app: 'shop', process: 'web', replica: 2, slot: 'blue' },
  { port: 20003, app: 'shop', process: 'web', replica: 2, slot: 'green' },
];
const running = (name: string, process: string, replica: number, slot: 'blue' | 'green', version: number): ObservedContainer =>
  ({ name, process, replica, slot, version, running: true });

describe('planning containers', () => {
  it('puts a web replica on its slot port, with env, labels, limits and volumes', () => {
    const [c] = planContainers({
      release, ports, formation: { web: 1 }, slots: { web: 'blue' },
      limits: [{ process: 'web', quantity: 1, memoryBytes: 512 * 1024 ** 2, nanoCpus: 5e8 }], volumes: [{ hostPath: '/srv/d', containerPath: '/data' }],
    });
    expect(c).toEqual({
      name: 'paas-shop-web-1-blue', image: 'paas/shop:v3', process: 'web', replica: 1, slot: 'blue', port: 20000, cmd: undefined,
      env: { A: '1', PORT: '20000', PAAS_APP: 'shop', PAAS_RELEASE: 'v3', DYNO: 'web.1' },
      labels: { 'paas.managed': 'true', 'paas.app': 'shop', 'paas.release': 'v3', 'paas.process': 'web', 'paas.replica': '1', 'paas.slot': 'blue', 'paas.port': '20000' },
      memoryBytes: 512 * 1024 ** 2, nanoCpus: 5e8, volumes: [{ hostPath: '/srv/d', containerPath: '/data' }],
    });
  });

  it('runs Procfile commands through sh, workers without a port', () => {
    const plan = planContainers({ release: { ...release, config: {} }, ports, formation: { web: 1, worker: 2 }, slots: { web: 'green', worker: 'green' } });
    const workers = plan.filter((c) => c.process === 'worker');
    expect(workers.map((w) => w.name)).toEqual(['paas-shop-worker-1-green', 'paas-shop-worker-2-green']);
    expect(workers[0]!.cmd).toEqual(['/bin/sh', '-c', 'node worker.js']);
    expect(workers[0]!.port).toBeUndefined();
    expect(workers[0]!.env.PORT).toBeUndefined();
  });

  it('fails clearly when a web replica has no port', () => {
    expect(() => planContainers({ release, ports, formation: { web: 3 }, slots: { web: 'blue' } })).toThrow(expect.objectContaining({ code: 'NO_PORTS' }));
  });

  it('keeps config values byte for byte (newlines, quotes, $)', () => {
    const value = 'line1\nline2 "q" \'s\' $(rm -rf /) `x`';
    expect(containerEnv({ ...release, config: { V: value } }, 'web', 1, 1).V).toBe(value);
  });
});

describe('choosing slots', () => {
  const observed = [running('paas-shop-worker-1-green', 'worker', 1, 'green', 2)];
  it('moves switched types to their other slot; web follows the live slot from the store', () => {
    expect(chooseSlots({ types: ['web', 'worker'], liveSlot: 'blue', observed, switching: ['web', 'worker'] })).toEqual({ web: 'green', worker: 'blue' });
  });
  it('keeps every type in place when scaling', () => {
    expect(chooseSlots({ types: ['web', 'worker'], liveSlot: 'blue', observed, switching: [] })).toEqual({ web: 'blue', worker: 'green' });
  });
  it('starts a first deploy on blue, and a new type beside web', () => {
    expect(chooseSlots({ types: ['web', 'clock'], liveSlot: undefined, observed: [], switching: ['web', 'clock'] })).toEqual({ web: 'blue', clock: 'blue' });
  });
});

describe('converging', () => {
  const desired = { release, ports, formation: { web: 2 }, slots: { web: 'blue' as const } };
  it('a switch starts everything on the new slot and stops everything on the old one', () => {
    const old = [running('paas-shop-web-1-green', 'web', 1, 'green', 2), running('paas-shop-worker-1-green', 'worker', 1, 'green', 2)];
    const plan = planConvergence(desired, old);
    expect(plan.start.map((c) => c.name)).toEqual(['paas-shop-web-1-blue', 'paas-shop-web-2-blue']);
    expect(plan.keep).toEqual([]);
    expect(plan.stop.map((c) => c.name)).toEqual(['paas-shop-web-1-green', 'paas-shop-worker-1-green']);
  });
  it('a scale-up keeps what runs and adds replicas; a scale-down stops the surplus', () => {
    const one = [running('paas-shop-web-1-blue', 'web', 1, 'blue', 3)];
    const up = planConvergence(desired, one);
    expect([up.start.map((c) => c.name), up.keep.map((c) => c.name), up.stop]).toEqual([['paas-shop-web-2-blue'], ['paas-shop-web-1-blue'], []]);
    const three = [...one, running('paas-shop-web-2-blue', 'web', 2, 'blue', 3), running('paas-shop-web-3-blue', 'web', 3, 'blue', 3)];
    const down = planConvergence({ ...desired, formation: { web: 1 } }, three);
    expect([down.start, down.stop.map((c) => c.name)]).toEqual([[], ['paas-shop-web-2-blue', 'paas-shop-web-3-blue']]);
  });
  it('replaces a container of the right name that runs another release or has exited', () => {
    const stale = [running('paas-shop-web-1-blue', 'web', 1, 'blue', 2), { ...running('paas-shop-web-2-blue', 'web', 2, 'blue', 3), running: false }];
    expect(planConvergence(desired, stale).start.map((c) => c.name)).toEqual(['paas-shop-web-1-blue', 'paas-shop-web-2-blue']);
  });
  it('reads identity from labels only', () => {
    expect(observedFromLabels('n', { 'paas.process': 'web', 'paas.replica': '2', 'paas.slot': 'green', 'paas.release': 'v7' }, true))
      .toEqual({ name: 'n', process: 'web', replica: 2, slot: 'green', version: 7, running: true });
    expect(observedFromLabels('n', { 'paas.app': 'x' }, true)).toBeUndefined();
  });
});
