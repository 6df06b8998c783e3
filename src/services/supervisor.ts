import type { RuntimeEvent } from '../ports.js';
import { errorMessage, isPaasError } from '../core/errors.js';
import { LABEL } from '../core/labels.js';
import { crashKey } from '../core/crash-loop.js';
import { formationFor } from '../core/formation.js';
import { chooseSlots, planConvergence, type ConvergencePlan } from '../core/deploy-plan.js';
import type { Deps } from './deps.js';
import { withAppLock } from './app-lock.js';
import { observe, runPlanned } from './converge.js';
import { appRoute } from './routes.js';
import { lastLines } from './container-output.js';

/**
 * Keeps what runs equal to what the store says should run: the live release of every app at its formation.
 * Docker's restart policy brings a crashed container back within ~0.2 s; the supervisor covers the rest (containers
 * stopped or removed behind paas's back, orphans, stale releases, routes) and stops a crash loop: a process that
 * exits more than 5 times in 60 s is marked crashed and left stopped until `ps:restart`.
 */
export function supervisor(deps: Deps) {
  const log = deps.log.child({ component: 'supervisor' });
  const pending = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  let closed = false;

  const planFor = async (appName: string): Promise<ConvergencePlan | undefined> => {
    const app = deps.store.apps.get(appName);
    if (!app) return undefined;
    const observed = await observe(deps, app.name);
    if (app.currentVersion === undefined) return { start: [], keep: [], stop: observed };
    const release = deps.store.releases.get(app.name, app.currentVersion)!;
    const formation = formationFor(release.processes, deps.store.formation.list(app.name));
    const slots = chooseSlots({ types: Object.keys(formation), liveSlot: app.liveSlot, observed, switching: [] });
    return planConvergence(
      { release, formation, slots, ports: deps.store.ports.list(app.name), limits: deps.store.formation.list(app.name), volumes: deps.store.volumes.list(app.name) },
      observed,
    );
  };

  /** Runs `fn` under the app's lock, or not at all when an operation holds it (the operation owns the app then). */
  const ifIdle = async <T>(app: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await withAppLock(deps, app, 'supervisor', { waitMs: 0 }, fn);
    } catch (e) {
      if (isPaasError(e) && e.code === 'LOCKED') return undefined;
      throw e;
    }
  };

  const reconcileApp = (appName: string): Promise<string[]> =>
    ifIdle(appName, async () => {
      const plan = await planFor(appName);
      if (!plan) return [];
      const crashed = new Set(deps.store.crashes.list(appName).map((c) => `${c.process}.${c.replica}`));
      const done: string[] = [];
      for (const c of plan.start) {
        if (crashed.has(`${c.process}.${c.replica}`)) continue;
        await runPlanned(deps, c);
        done.push(`started ${c.name}`);
      }
      for (const o of plan.stop) {
        await deps.runtime.remove(o.name);
        done.push(`removed ${o.name}`);
      }
      await deps.router.applyApp(appRoute(deps, appName));
      if (done.length) log.info({ app: appName, actions: done }, 'reconciled');
      return done;
    }).then((r) => r ?? []);

  const markCrashed = (e: RuntimeEvent, exits: number) =>
    ifIdle(e.labels[LABEL.app]!, async () => {
      const app = e.labels[LABEL.app]!;
      const process = e.labels[LABEL.process]!;
      const replica = Number(e.labels[LABEL.replica]);
      // Stopping by hand is what makes Docker give up its own restarts of this container.
      await deps.runtime.stop(e.name, 0);
      deps.store.crashes.put({
        app, process, replica, exitCode: e.exitCode, exits, lastLines: await lastLines(deps, e.name, 20), crashedAt: deps.clock.now().toISOString(),
      });
      log.error({ app, process, replica, exitCode: e.exitCode, exits }, 'crash loop: the process is marked crashed and no longer restarted');
    });

  /** Reconciles `app` after `delayMs`, or sooner when an earlier reconcile is already due. */
  const schedule = (app: string, delayMs: number) => {
    if (closed) return;
    const at = Date.now() + delayMs;
    const current = pending.get(app);
    if (current && current.at <= at) return;
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(() => {
      pending.delete(app);
      reconcileApp(app).catch((err) => log.error({ app, err: errorMessage(err) }, 'reconcile failed'));
    }, delayMs);
    pending.set(app, { at, timer });
  };

  const onDie = async (e: RuntimeEvent) => {
    const appName = e.labels[LABEL.app]!;
    const app = deps.store.apps.get(appName);
    // Operations stop containers themselves; containers of other releases are on their way out.
    if (!app || deps.appLocks.isBusy(appName) || e.labels[LABEL.release] !== `v${app.currentVersion}`) return;
    const key = crashKey(appName, e.labels[LABEL.process] ?? '?', Number(e.labels[LABEL.replica]));
    const verdict = deps.crashTracker.recordExit(key, e.at.getTime());
    if (verdict.crashed) await markCrashed(e, verdict.exits);
    else schedule(appName, verdict.delayMs);
  };

  return {
    reconcileApp,

    /** Every app, then containers of apps that no longer exist. */
    async reconcileAll(): Promise<void> {
      const apps = deps.store.apps.list().map((a) => a.name);
      for (const app of apps) {
        await reconcileApp(app).catch((err) => log.error({ app, err: errorMessage(err) }, 'reconcile failed'));
      }
      const known = new Set(apps);
      for (const c of await deps.runtime.list({})) {
        const app = c.labels[LABEL.app];
        if (app && !known.has(app)) {
          await deps.runtime.remove(c.id);
          log.info({ app, container: c.name }, 'removed a container of an app that no longer exists');
        }
      }
    },

    onEvent(e: RuntimeEvent): void {
      if (closed || !e.labels[LABEL.app]) return;
      if (e.action === 'die') onDie(e).catch((err) => log.error({ err: errorMessage(err) }, 'handling a container exit failed'));
      // A removed container is not coming back by itself: no backoff.
      else if (e.action === 'destroy') schedule(e.labels[LABEL.app]!, 100);
      else if (e.action === 'oom') log.warn({ app: e.labels[LABEL.app], container: e.name }, 'a container ran out of memory');
    },

    close(): void {
      closed = true;
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
    },
  };
}

export type Supervisor = ReturnType<typeof supervisor>;
