import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Router } from '../../ports.js';
import { PaasError } from '../../core/errors.js';
import { renderTemplate } from '../../core/template.js';
import { appConfView, type AppRoute, type ListenSpec } from '../../core/nginx/route.js';
import { mainConfView } from '../../core/nginx/main-conf.js';
import { readTemplate } from '../templates.js';
import { ExecError, run } from '../exec.js';
import { nginxSignalArgv, nginxStartArgv, nginxTestArgv, type NginxPaths } from './argv.js';
import { childPids, isAlive } from './workers.js';
import { Mutex } from '../../core/mutex.js';
import { setLiveFlag } from './live-flag.js';

export interface NginxRouterOptions extends ListenSpec {
  /** The nginx prefix, owned by paas: nginx.conf, apps/, logs/, tmp/, staging/. */
  dir: string;
  bin?: string;
  log: Logger;
  /** Template text overrides (tests); defaults to templates/nginx/. */
  templates?: { app?: string; main?: string };
}

/**
 * A managed nginx instance. Every change is rendered to staging/, checked with `nginx -t` against a copy of the main
 * config that includes the candidate in place of the live file, then renamed into apps/ and reloaded.
 */
export function nginxRouter(opts: NginxRouterOptions): Router {
  const paths: NginxPaths = { bin: opts.bin ?? 'nginx', prefix: opts.dir, conf: join(opts.dir, 'nginx.conf') };
  const appsDir = join(opts.dir, 'apps');
  const stagingDir = join(opts.dir, 'staging');
  const liveDir = join(opts.dir, 'live');
  const lock = new Mutex();
  const appTemplate = opts.templates?.app ?? readTemplate('nginx/app.conf');
  const mainTemplate = opts.templates?.main ?? readTemplate('nginx/nginx.conf');
  const mainConf = (includes: string[]) => renderTemplate(mainTemplate, mainConfView({ ...opts, prefix: opts.dir, includes }));
  const appFile = (app: string) => join(appsDir, `${app}.conf`);

  const pid = (): number | undefined => {
    try {
      const n = Number(readFileSync(join(opts.dir, 'nginx.pid'), 'utf8').trim());
      return n > 0 && isAlive(n) ? n : undefined;
    } catch {
      return undefined;
    }
  };

  const test = async (conf: string, app?: string) => {
    try {
      await run(nginxTestArgv(paths, conf), { timeoutMs: 30_000 });
    } catch (e) {
      const msg = e instanceof ExecError ? e.stderr.trim() : String(e);
      throw new PaasError('NGINX_INVALID', `${app ? `app ${app}: ` : ''}nginx rejected the configuration: ${msg}`);
    }
  };

  /** Signals a reload and waits (bounded) until the workers that held the old configuration are gone. */
  const reload = async () => {
    const master = pid();
    if (!master) throw new PaasError('NGINX_FAILED', 'the managed nginx is not running');
    const before = new Set(childPids(master));
    await run(nginxSignalArgv(paths, 'reload'));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const now = childPids(master);
      if (now.length > 0 && now.every((p) => !before.has(p))) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    opts.log.warn('nginx reload: old workers still running after 10 s');
  };

  const stageAndApply = async (app: string, content: string | undefined) => {
    mkdirSync(stagingDir, { recursive: true });
    const live = appFile(app);
    if (content !== undefined && existsSync(live) && readFileSync(live, 'utf8') === content) return;
    const candidate = join(stagingDir, `${app}.conf`);
    const others = readdirSync(appsDir)
      .filter((f) => f.endsWith('.conf') && f !== `${app}.conf`)
      .map((f) => join(appsDir, f));
    if (content !== undefined) writeFileSync(candidate, content);
    const testConf = join(stagingDir, 'nginx.conf');
    writeFileSync(testConf, mainConf(content === undefined ? others : [...others, candidate]));
    try {
      await test(testConf, app);
    } catch (e) {
      rmSync(candidate, { force: true });
      throw e;
    }
    if (content === undefined) rmSync(live, { force: true });
    else renameSync(candidate, live);
    await reload();
  };

  return {
    async start() {
      await lock.run(async () => {
        mkdirSync(opts.dir, { recursive: true });
        // nginx's workers drop to `nobody` under a root master: they must traverse this folder to their temp files
        // and to the live-slot flags.
        chmodSync(opts.dir, 0o711);
        for (const d of ['apps', 'logs', 'tmp', 'staging', 'live']) mkdirSync(join(opts.dir, d), { recursive: true });
        const tmp = `${paths.conf}.new`;
        writeFileSync(tmp, mainConf([join(appsDir, '*.conf')]));
        await test(tmp);
        renameSync(tmp, paths.conf);
        if (pid()) return reload();
        await run(nginxStartArgv(paths), { timeoutMs: 30_000 });
        const deadline = Date.now() + 5_000;
        while (!pid()) {
          if (Date.now() > deadline) throw new PaasError('NGINX_FAILED', `nginx did not start: see ${opts.dir}/logs/error.log`);
          await new Promise((r) => setTimeout(r, 20));
        }
      });
    },

    applyApp: (route: AppRoute) =>
      lock.run(async () => {
        // The flag first: a server block that is new reads it from its first request.
        mkdirSync(liveDir, { recursive: true });
        setLiveFlag(liveDir, route.app, route.liveSlot);
        await stageAndApply(route.app, renderTemplate(appTemplate, appConfView(route, { ...opts, liveDir })));
      }),

    removeApp: (app: string) =>
      lock.run(async () => {
        if (existsSync(appFile(app))) await stageAndApply(app, undefined);
        setLiveFlag(liveDir, app, 'blue');
      }),

    async stop() {
      await lock.run(async () => {
        const master = pid();
        if (!master) return;
        await run(nginxSignalArgv(paths, 'quit')).catch(() => process.kill(master, 'SIGTERM'));
        const deadline = Date.now() + 10_000;
        while (isAlive(master) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        if (isAlive(master)) process.kill(master, 'SIGKILL');
      });
    },
  };
}
