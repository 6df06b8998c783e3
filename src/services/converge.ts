import type { PortAssignment, Release } from '../core/model.js';
import type { UserOutput } from '../ports.js';
import { errorMessage } from '../core/errors.js';
import { chooseSlots, observedFromLabels, planConvergence, type ObservedContainer, type PlannedContainer } from '../core/deploy-plan.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';
import { checkStarted } from './container-checks.js';
import { ensureWebPorts } from './port-allocation.js';
import { appRoute } from './routes.js';

export interface ConvergeRequest {
  release: Release;
  /** Containers per process type; types absent do not run. */
  formation: Record<string, number>;
  /** Types whose containers are replaced on their other slot (blue/green); the others are scaled in place. */
  switching: string[];
  deployId: number;
  out: UserOutput;
}

/**
 * Makes the app's containers match a release at a formation, without dropping a request:
 * 1. start the missing containers beside the running ones (new slot for switched types, same slot for a scale-up);
 * 2. gate on the health checks; on failure remove them, and the old ones never stopped serving;
 * 3. record the release as live and the formation in one transaction, then flip the app's live-slot flag (nginx
 *    tests it per request, so traffic moves without a reload);
 * 4. re-render the route when the set of web replicas changed (the router reloads only then, and waits for the old
 *    nginx workers to exit), then SIGTERM the unwanted containers, which finish their in-flight requests.
 * Each step is recorded on the deploy so that a restarted paas can finish or undo it.
 */
export async function converge(deps: Deps, req: ConvergeRequest): Promise<void> {
  const { release, out, deployId } = req;
  const app = requireApp(deps, release.app);
  const observed = await observe(deps, app.name);
  const webBefore = maxWebReplica(deps, app.name);
  const ports = await ensureWebPorts(deps, app.name, Math.max(1, req.formation.web ?? 0));
  const slots = chooseSlots({ types: Object.keys(req.formation), liveSlot: app.liveSlot, observed, switching: req.switching });
  const plan = planConvergence(
    { release, formation: req.formation, slots, ports, limits: deps.store.formation.list(app.name), volumes: deps.store.volumes.list(app.name) },
    observed,
  );
  const webSlot = slots.web ?? app.liveSlot ?? 'blue';
  const stopFirst = app.strategy === 'stop-first' && plan.start.length > 0;
  deps.store.deploys.step(deployId, `starting:${webSlot}`, release.version);

  const stoppedFirst = stopFirst ? await stopAll(deps, plan.stop.filter((o) => o.running), out, 'before the new release starts (stop-first)') : [];
  const started: PlannedContainer[] = [];
  try {
    for (const c of plan.start) {
      out.step(`Starting ${c.process}.${c.replica} (v${release.version}, ${c.slot} slot)`);
      await runPlanned(deps, c);
      started.push(c);
    }
    await checkStarted(deps, app.name, started, release.healthchecks, out);
  } catch (e) {
    for (const c of started) await deps.runtime.remove(c.name).catch(() => undefined);
    deps.store.ports.releaseReplicasAbove(app.name, 'web', Math.max(1, webBefore));
    for (const o of stoppedFirst) await deps.runtime.start(o.name).catch(() => undefined);
    deps.store.deploys.step(deployId, 'undone', release.version);
    throw e;
  }

  const previous = app.currentVersion;
  deps.store.transaction(() => {
    deps.store.apps.setLive(app.name, release.version, webSlot);
    deps.store.releases.setStatus(app.name, release.version, 'active');
    if (previous !== undefined && previous !== release.version) deps.store.releases.setStatus(app.name, previous, 'superseded');
    deps.store.formation.setQuantities(app.name, req.formation);
    deps.store.ports.releaseReplicasAbove(app.name, 'web', Math.max(1, req.formation.web ?? 0));
  });
  deps.store.deploys.step(deployId, `live:${webSlot}`, release.version);

  let routeError: unknown;
  try {
    // Flips the live-slot flag (traffic moves, no reload) and re-renders the server block, which reloads nginx only
    // when web replicas were added or removed (the router compares the rendered file, and waits for old workers).
    await deps.router.applyApp(appRoute(deps, app.name));
  } catch (e) {
    routeError = e;
    out.error(`Could not update the route: ${errorMessage(e)}`);
  }
  if (plan.start.some((c) => c.process === 'web')) out.step(`Traffic moved to v${release.version}`);
  deps.store.deploys.step(deployId, 'draining', release.version);
  await drain(deps, plan.stop, ports.filter((p) => p.process === 'web'), out);
  deps.store.deploys.step(deployId, 'stopping-old', release.version);
  await stopAll(deps, plan.stop, out, '');
  deps.store.deploys.step(deployId, 'done', release.version);
  if (routeError) throw routeError;
}

/**
 * Waits (up to the stop timeout) until no request is in flight to the web containers about to stop: nginx no longer
 * sends them new ones, and an app that dies on SIGTERM without finishing its requests then loses none.
 */
async function drain(deps: Deps, leaving: ObservedContainer[], web: PortAssignment[], out: UserOutput): Promise<void> {
  const ports = leaving
    .filter((c) => c.process === 'web' && c.running)
    .map((c) => web.find((p) => p.replica === c.replica && p.slot === c.slot)?.port)
    .filter((p): p is number => p !== undefined);
  if (ports.length === 0) return;
  const deadline = deps.clock.now().getTime() + deps.settings.stopTimeoutSec * 1000;
  for (;;) {
    const open = (await Promise.all(ports.map((p) => deps.portProbe.openConnections(p)))).reduce((a, b) => a + b, 0);
    if (open === 0) return;
    if (deps.clock.now().getTime() >= deadline) {
      out.info(`${open} request(s) still in flight to the old containers after ${deps.settings.stopTimeoutSec} s: stopping them anyway`);
      return;
    }
    await deps.clock.sleep(50);
  }
}

/** SIGTERM (then SIGKILL after the stop timeout) to every container in parallel, then removes them. */
async function stopAll(deps: Deps, containers: ObservedContainer[], out: UserOutput, why: string): Promise<ObservedContainer[]> {
  await Promise.all(
    containers.map(async (c) => {
      out.info(`Stopping ${c.process}.${c.replica} (${c.version ? `v${c.version}` : 'unknown release'}, ${c.slot ?? '?'} slot)${why ? ` ${why}` : ''}`);
      await deps.runtime.stop(c.name, deps.settings.stopTimeoutSec);
      if (!why) await deps.runtime.remove(c.name);
    }),
  );
  return containers;
}

/** Creates and starts one planned container (replacing a stopped one of the same name). */
export function runPlanned(deps: Deps, c: PlannedContainer): Promise<{ id: string }> {
  return deps.runtime.run({
    name: c.name, image: c.image, env: c.env, labels: c.labels, cmd: c.cmd, restart: 'unless-stopped',
    stopTimeoutSec: deps.settings.stopTimeoutSec, memoryBytes: c.memoryBytes, nanoCpus: c.nanoCpus, volumes: c.volumes,
  });
}

/** The app's containers as their labels describe them. */
export async function observe(deps: Deps, app: string): Promise<ObservedContainer[]> {
  const out: ObservedContainer[] = [];
  for (const c of await deps.runtime.list({ app })) {
    const o = observedFromLabels(c.name, c.labels, c.state === 'running' || c.state === 'restarting');
    if (o) out.push(o);
  }
  return out;
}

function maxWebReplica(deps: Deps, app: string): number {
  return Math.max(0, ...deps.store.ports.list(app).filter((p) => p.process === 'web').map((p) => p.replica));
}
