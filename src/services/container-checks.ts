import type { PlannedContainer } from '../core/deploy-plan.js';
import { DEFAULT_HEALTHCHECK, type HealthcheckSpec } from '../core/healthcheck-spec.js';
import { PaasError, errorMessage } from '../core/errors.js';
import { LABEL } from '../core/labels.js';
import type { UserOutput } from '../ports.js';
import type { Deps } from './deps.js';
import { lastLines } from './container-output.js';
import { waitHealthy } from './healthcheck.js';

/** A process that is not web must still be up this long after its start to count as started. */
const SETTLE_MS = 1_000;

/**
 * Gates a switch: every web container passes every health check (containers in parallel), every other container
 * is still running after a short settle time. Throws HEALTHCHECK_FAILED with the reason and the container's last
 * output lines, which the user also sees on `out`.
 */
export async function checkStarted(
  deps: Pick<Deps, 'runtime' | 'health' | 'clock'>,
  app: string,
  started: PlannedContainer[],
  checks: HealthcheckSpec[] | undefined,
  out: UserOutput,
): Promise<void> {
  const since = deps.clock.now().getTime();
  const failures = await Promise.all(started.map((c) => checkOne(deps, app, c, checks ?? [DEFAULT_HEALTHCHECK], since, out)));
  const failed = failures.find((f) => f !== undefined);
  if (!failed) return;
  const { container, reason } = failed;
  const who = `${container.process}.${container.replica}`;
  out.error(`Health check of ${who} failed: ${reason}`);
  const lines = await lastLines(deps, container.name, 20);
  if (lines.length) out.error(`Last lines of ${who}'s output:`);
  for (const line of lines) out.info(line);
  const tail = lines.length ? [`last lines of ${who}:`, ...lines.map((l) => `  ${l}`)] : [];
  throw new PaasError('HEALTHCHECK_FAILED', [`${who} of ${container.labels[LABEL.release]} failed its health check: ${reason}`, ...tail].join('\n'));
}

async function checkOne(
  deps: Pick<Deps, 'runtime' | 'health' | 'clock'>,
  app: string,
  c: PlannedContainer,
  checks: HealthcheckSpec[],
  since: number,
  out: UserOutput,
): Promise<{ container: PlannedContainer; reason: string } | undefined> {
  const running = () => isRunning(deps, app, c.name);
  if (c.port === undefined) {
    const wait = since + SETTLE_MS - deps.clock.now().getTime();
    if (wait > 0) await deps.clock.sleep(wait);
    return (await running()) ? undefined : { container: c, reason: 'the process exited right after it started' };
  }
  for (const spec of checks) {
    out.info(`Waiting for ${c.process}.${c.replica} to answer GET ${spec.path} on port ${c.port}`);
    const r = await waitHealthy(deps, c.port, spec, running);
    if (!r.ok) return { container: c, reason: r.reason };
  }
  return undefined;
}

async function isRunning(deps: Pick<Deps, 'runtime'>, app: string, name: string): Promise<boolean> {
  const c = (await deps.runtime.list({ app })).find((x) => x.name === name);
  return c !== undefined && c.state === 'running';
}
