import type { Deps } from './deps.js';

export interface HealthcheckSpec {
  path: string;
  /** Total time the app gets to answer below 500. */
  timeoutMs: number;
}

export const DEFAULT_HEALTHCHECK: HealthcheckSpec = { path: '/', timeoutMs: 30_000 };

/**
 * Polls the app on its port until it answers below 500, backing off from 50 ms to 1 s; `stillRunning` lets a
 * container that died fail the check at once instead of after the whole timeout.
 */
export async function waitHealthy(
  deps: Pick<Deps, 'health' | 'clock'>,
  port: number,
  spec: HealthcheckSpec,
  stillRunning: () => Promise<boolean>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = deps.clock.now().getTime() + spec.timeoutMs;
  let delay = 50;
  let last = 'no answer yet';
  for (let attempt = 0; ; attempt++) {
    const left = deadline - deps.clock.now().getTime();
    if (left <= 0) return { ok: false, reason: `no healthy answer on ${spec.path} within ${spec.timeoutMs / 1000} s (last: ${last})` };
    const r = await deps.health.check(port, spec.path, Math.min(5_000, left));
    if (r.ok) return { ok: true };
    last = r.status ? `HTTP ${r.status}` : (r.error ?? 'no answer');
    if (attempt % 4 === 3 && !(await stillRunning())) return { ok: false, reason: `the process exited before answering (last: ${last})` };
    await deps.clock.sleep(Math.min(delay, Math.max(0, deadline - deps.clock.now().getTime())));
    delay = Math.min(delay * 2, 1_000);
  }
}
