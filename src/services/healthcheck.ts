import type { HealthcheckSpec } from '../core/healthcheck-spec.js';
import type { Deps } from './deps.js';

export { DEFAULT_HEALTHCHECK } from '../core/healthcheck-spec.js';

/** Probes this far apart while an app boots (a refused connect on loopback costs nothing), then one a second. */
const FAST_PROBE_MS = 10;
const FAST_PHASE_MS = 5_000;
/** Whether the container still runs is asked of the engine at most this often (an API call, not a connect). */
const ALIVE_CHECK_MS = 250;

/**
 * Polls the app on its port until `spec.path` answers below 500. The container gets `attempts` seconds; probes
 * are 10 ms apart for the first 5 s (most apps boot within that: a deploy goes live within 10 ms of the app being
 * ready) and one a second after that, each bounded by `timeout`.
 * `stillRunning` lets a container that died fail the check at once instead of after the whole budget.
 */
export async function waitHealthy(
  deps: Pick<Deps, 'health' | 'clock'>,
  port: number,
  spec: HealthcheckSpec,
  stillRunning: () => Promise<boolean>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const start = deps.clock.now().getTime();
  const deadline = start + spec.attempts * 1000;
  let last = 'no answer yet';
  let aliveCheckedAt = start;
  for (;;) {
    const left = deadline - deps.clock.now().getTime();
    if (left <= 0) return { ok: false, reason: `GET ${spec.path} did not answer below 500 within ${spec.attempts} s (last: ${last})` };
    const r = await deps.health.check(port, spec.path, Math.min(spec.timeout * 1000, left));
    if (r.ok) return { ok: true };
    last = r.status ? `HTTP ${r.status}` : (r.error ?? 'no answer');
    if (deps.clock.now().getTime() - aliveCheckedAt >= ALIVE_CHECK_MS) {
      aliveCheckedAt = deps.clock.now().getTime();
      if (!(await stillRunning())) return { ok: false, reason: `the process exited before answering GET ${spec.path} (last: ${last})` };
    }
    const now = deps.clock.now().getTime();
    await deps.clock.sleep(Math.min(now - start < FAST_PHASE_MS ? FAST_PROBE_MS : 1_000, Math.max(0, deadline - now)));
  }
}
