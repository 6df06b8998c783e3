import type { Release } from '../core/model.js';
import type { UserOutput } from '../ports.js';
import { PaasError, errorMessage } from '../core/errors.js';
import { planSwitch, type PlannedContainer } from '../core/deploy-plan.js';
import { LABEL } from '../core/labels.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';
import { DEFAULT_HEALTHCHECK, waitHealthy } from './healthcheck.js';
import { ensureWebPorts } from './port-allocation.js';

/**
 * Blue/green: starts the release on the idle slot, waits until every web container is healthy, records the slot as
 * live (nginx already lists both slots, so traffic moves without a reload), then stops the old containers.
 * On failure the new containers are removed and the old ones keep serving.
 */
export async function switchTo(deps: Deps, release: Release, out: UserOutput, deployId: number): Promise<void> {
  const app = requireApp(deps, release.app);
  const formation = { web: 1 };
  const ports = await ensureWebPorts(deps, app.name, formation.web);
  const plan = planSwitch({ release, liveSlot: app.liveSlot, ports, formation });
  deps.store.deploys.step(deployId, `starting:${plan.slot}`, release.version);

  const started: { id: string; planned: PlannedContainer }[] = [];
  try {
    for (const planned of plan.start) {
      out.step(`Starting ${planned.process}.${planned.replica} (v${release.version}, ${plan.slot} slot)`);
      const { id } = await deps.runtime.run({
        name: planned.name,
        image: planned.image,
        env: planned.env,
        labels: planned.labels,
        cmd: planned.cmd,
        restart: 'unless-stopped',
        stopTimeoutSec: deps.settings.stopTimeoutSec,
      });
      started.push({ id, planned });
    }
    for (const { id, planned } of started) {
      if (planned.port === undefined) continue;
      out.info(`Waiting for ${planned.process}.${planned.replica} to answer on port ${planned.port}`);
      const result = await waitHealthy(deps, planned.port, DEFAULT_HEALTHCHECK, () => isRunning(deps, app.name, id));
      if (!result.ok) {
        out.error(`Health check failed: ${result.reason}`);
        await showLastLines(deps, id, out);
        throw new PaasError('HEALTHCHECK_FAILED', `v${release.version} failed its health check: ${result.reason}`);
      }
    }
  } catch (e) {
    for (const { id } of started) await deps.runtime.remove(id).catch(() => undefined);
    throw e;
  }

  const previous = app.currentVersion;
  deps.store.transaction(() => {
    deps.store.apps.setLive(app.name, release.version, plan.slot);
    deps.store.releases.setStatus(app.name, release.version, 'active');
    if (previous !== undefined && previous !== release.version) deps.store.releases.setStatus(app.name, previous, 'superseded');
  });
  deps.store.deploys.step(deployId, `live:${plan.slot}`, release.version);
  out.step(`Traffic moved to v${release.version}`);

  const keep = new Set(started.map((s) => s.id));
  const old = (await deps.runtime.list({ app: app.name })).filter((c) => !keep.has(c.id));
  for (const c of old) {
    out.info(`Stopping ${c.labels[LABEL.process]}.${c.labels[LABEL.replica]} (${c.labels[LABEL.release]})`);
    await deps.runtime.stop(c.id, deps.settings.stopTimeoutSec);
    await deps.runtime.remove(c.id);
  }
}

async function isRunning(deps: Deps, app: string, id: string): Promise<boolean> {
  const c = (await deps.runtime.list({ app })).find((x) => x.id === id);
  return c !== undefined && (c.state === 'running' || c.state === 'restarting');
}

async function showLastLines(deps: Deps, id: string, out: UserOutput): Promise<void> {
  try {
    const stream = await deps.runtime.logs(id, { follow: false, tail: 20 });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
    if (lines.length) out.error('Last lines of its output:');
    for (const line of lines) out.info(line);
  } catch (e) {
    out.error(`(its output could not be read: ${errorMessage(e)})`);
  }
}
