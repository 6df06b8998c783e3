import { describe, expect, it } from 'vitest';
import { waitHealthy } from '../../src/services/healthcheck.js';

/** A fake clock that advances only when slept on, and a probe that answers from a script. */
function harness(answers: (probe: number) => { ok: boolean; status?: number; error?: string }) {
  let now = 0;
  const probesAt: number[] = [];
  const deps = {
    clock: { now: () => new Date(now), sleep: async (ms: number) => void (now += ms) },
    health: {
      check: async () => {
        probesAt.push(now);
        now += 1; // a refused connect on loopback still takes a moment
        return answers(probesAt.length - 1);
      },
    },
  };
  return { deps, probesAt, elapsed: () => now };
}

describe('waitHealthy', () => {
  const spec = { path: '/', timeout: 5, attempts: 30 };

  it('probes every 10 ms while the app boots, so a deploy goes live right after it is ready', async () => {
    const h = harness((i) => (i < 20 ? { ok: false, error: 'ECONNREFUSED' } : { ok: true, status: 200 }));
    expect(await waitHealthy(h.deps, 20000, spec, async () => true)).toEqual({ ok: true });
    expect(h.probesAt).toHaveLength(21);
    expect(h.elapsed()).toBeLessThan(21 * 12);
  });

  it('asks the engine whether the container runs at most every 250 ms, and fails at once when it died', async () => {
    let asked = 0;
    const h = harness(() => ({ ok: false, error: 'ECONNREFUSED' }));
    const r = await waitHealthy(h.deps, 20000, spec, async () => ++asked < 3);
    expect(r).toEqual({ ok: false, reason: 'the process exited before answering GET / (last: ECONNREFUSED)' });
    expect(asked).toBe(3);
    expect(h.elapsed()).toBeGreaterThanOrEqual(750);
    expect(h.elapsed()).toBeLessThan(800);
  });

  it('gives up after `attempts` seconds, naming the last answer, with probes a second apart after the first 5 s', async () => {
    const h = harness(() => ({ ok: false, status: 503 }));
    const r = await waitHealthy(h.deps, 20000, { ...spec, attempts: 8 }, async () => true);
    expect(r).toEqual({ ok: false, reason: 'GET / did not answer below 500 within 8 s (last: HTTP 503)' });
    const late = h.probesAt.filter((t) => t > 5_100);
    expect(late.length).toBeGreaterThanOrEqual(2);
    expect(late.length).toBeLessThanOrEqual(3);
  });
});
