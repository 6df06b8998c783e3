import type { HealthcheckSpec } from '../core/healthcheck-spec.js';
import type { Deps } from './deps.js';

export { DEFAULT_HEALTHCHECK } from '../core/healthcheck-spec.js';

/**
 * Polls the app on its port until `spec.path` answers below 500. The container gets `attempts` seconds; probes
 * start 100 ms apart and back off to one a second (a fast app goes live sooner), each bounded by `timeout`.
 * `stillRunning` lets a container that died fail the check at once instead of after the whole budget.
 */
export async function waitHealthy(
  deps: Pick<Deps, 'health' | 'clock'>,
  port: number,
  spec: HealthcheckSpec,
  stillRunning: () => Promise<boolean>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = deps.clock.now().getTime() + spec.attempts * 1000;
  let delay = 100;
  let last = 'no answer yet';
  for (let probe = 0; ; probe++) {
    const left = deadline - deps.clock.now().getTime();
    if (left <= 0) return { ok: false, reason: `GET ${spec.path} did not answer below 500 within ${spec.attempts} s (last: ${last})` };
    const r = await deps.health.check(port, spec.path, Math.min(spec.timeout * 1000, left));
    if (r.ok) return { ok: true };
    last = r.status ? `HTTP ${r.status}` : (r.error ?? 'no answer');
    if (probe % 3 === 2 && !(await stillRunning())) return { ok: false, reason: `the process exited before answering GET ${spec.path} (last: ${last})` };
    await deps.clock.sleep(Math.min(delay, Math.max(0, deadline - deps.clock.now().getTime())));
    delay = Math.min(delay * 2, 1_000);
  }
}
