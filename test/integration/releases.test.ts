import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { deployedFixture, type TestRepo } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';
import { startLoad } from '../helpers/load.js';
import { ensureNodeBareImage } from '../helpers/node-image.js';

// Config vars, failed health checks, scaling, limits, volumes and the lock, against real Docker and nginx.
describe('releases, config, scale, limits, volumes, lock', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('rel');
  const host = () => `${app}.${paas.domain}`;
  const cli = (...args: string[]) => paas.cli([...args, '-a', app]);
  const get = (path: string) => httpGet(paas.httpPort, host(), path);
  const webContainers = async () =>
    (await runProgram(['docker', 'ps', '-q', '--filter', `label=paas.app=${app}`, '--filter', 'label=paas.process=web'])).stdout.split('\n').filter(Boolean);
  const info = async () => JSON.parse((await cli('apps:info', '--json')).stdout) as { lock?: { operation: string; owner: string }; currentVersion: number };
  const hostDir = mkdtempSync(join(tmpdir(), 'paas-volume-'));

  beforeAll(async () => {
    await ensureNodeBareImage();
    paas = await startPaas();
    repo = await deployedFixture(paas, 'node-app', app);
  });
  afterAll(async () => {
    await paas?.stop();
    rmSync(hostDir, { recursive: true, force: true });
  });

  it('hands config values to the app exactly (newlines, quotes, $(…), unicode, 64 KiB) in one release, never into the log', async () => {
    const vars: Record<string, string> = {
      MULTI: 'line one\nline two\n\ttabbed\n',
      QUOTES: `"double" 'single' \\back\\slash`,
      SHELLY: '$(touch /tmp/pwned) `id` ${HOME} $PATH; rm -rf / && echo | cat',
      UNICODE: 'ünïcødé ✓ 🚀 日本語',
      EQUALS: 'a=b=c',
      BIG: randomBytes(48 * 1024).toString('base64').slice(0, 64 * 1024),
    };
    const set = await cli('config:set', ...Object.entries(vars).map(([k, v]) => `${k}=${v}`));
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/Set MULTI, QUOTES, SHELLY, UNICODE, EQUALS, BIG: v2/);
    const res = await get('/env');
    expect(res.status).toBe(200);
    const env = Object.fromEntries(res.body.split('\0').map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
    for (const [k, v] of Object.entries(vars)) expect(env[k], k).toBe(v);
    expect(env.PAAS_RELEASE).toBe('v2');
    expect((await cli('config:get', 'MULTI')).stdout).toBe(`${vars.MULTI}\n`);
    const releases = JSON.parse((await cli('releases', '--json')).stdout) as { version: number; description: string; configKeys: string[] }[];
    expect(releases.map((r) => r.version)).toEqual([2, 1]);
    expect(releases[0]!.description).toBe('Set MULTI, QUOTES, SHELLY, UNICODE, EQUALS, BIG config vars');
    expect(paas.output()).not.toContain(vars.BIG.slice(0, 200));
    expect(paas.output()).not.toContain('touch /tmp/pwned');
    const unset = await cli('config:unset', 'BIG', 'SHELLY');
    expect(unset.code, unset.stderr).toBe(0);
    expect((await get('/env')).body).not.toMatch(/(^|\0)(BIG|SHELLY)=/);
  });

  it('never sends traffic to a release whose health check fails; the old one keeps serving and the error says why', async () => {
    const live = (await info()).currentVersion;
    const load = startLoad({ port: paas.httpPort, host: host(), path: '/who', connections: 4, maxRequests: 100_000, deadlineMs: 60_000 });
    const failed = await cli('config:set', 'FAIL_HEALTH=1');
    load.stop();
    const samples = await load.done;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error \[HEALTHCHECK_FAILED\]: web\.1 of v\d+ failed its health check: GET \/health did not answer below 500 within 8 s \(last: HTTP 503\)/);
    expect(failed.stderr).toMatch(/last lines of web\.1:\n {2}listening on \d+ as web\.1 v\d+/);
    expect(samples.length).toBeGreaterThan(50);
    expect(new Set(samples.map((s) => `${s.status} ${s.body?.split(' ')[1]}`))).toEqual(new Set([`200 v${live}`]));
    expect((await cli('config:get', 'FAIL_HEALTH')).code).toBe(1);
    expect((await info()).currentVersion).toBe(live);
    const releases = JSON.parse((await cli('releases', '--json')).stdout) as { version: number; status: string }[];
    expect(releases[0]).toMatchObject({ version: live + 1, status: 'failed' });
    expect(await webContainers()).toHaveLength(1);
  });

  it('scales web to 3 behind the load balancer, and back to 1', async () => {
    const up = await cli('ps:scale', 'web=3');
    expect(up.code, up.stderr).toBe(0);
    expect(await webContainers()).toHaveLength(3);
    const dynos = new Set<string>();
    for (let i = 0; i < 60 && dynos.size < 3; i++) dynos.add((await get('/who')).body.split(' ')[0]!);
    expect(dynos).toEqual(new Set(['web.1', 'web.2', 'web.3']));
    const ps = JSON.parse((await cli('ps', '--json')).stdout) as { process: string; replica: number; state: string }[];
    expect(ps.map((p) => `${p.process}.${p.replica} ${p.state}`)).toEqual(['web.1 running', 'web.2 running', 'web.3 running']);

    const down = await cli('ps:scale', 'web=1');
    expect(down.code, down.stderr).toBe(0);
    expect(await webContainers()).toHaveLength(1);
    for (let i = 0; i < 10; i++) expect((await get('/who')).body).toMatch(/^web\.1 /);
    expect((await info() as unknown as { formation: Record<string, number> }).formation).toEqual({ web: 1 });
  });

  it('applies memory and CPU limits and volumes with a restart, and a volume survives a deploy', async () => {
    const limited = await cli('resources:set', 'web', '--memory', '96m', '--cpus', '0.5');
    expect(limited.code, limited.stderr).toBe(0);
    const [id] = await webContainers();
    const inspect = JSON.parse((await runProgram(['docker', 'inspect', id!])).stdout)[0].HostConfig;
    expect([inspect.Memory, inspect.NanoCpus]).toEqual([96 * 1024 ** 2, 5e8]);

    chmodSync(hostDir, 0o755);
    writeFileSync(join(hostDir, 'hello.txt'), 'kept across deploys');
    const mounted = await cli('storage:mount', `${hostDir}:/data`);
    expect(mounted.code, mounted.stderr).toBe(0);
    expect((await get('/data')).body).toBe('kept across deploys');
    repo.write('body.txt', 'node v2\n');
    await repo.commit('v2');
    expect((await repo.git(['push', 'paas', 'main'])).code).toBe(0);
    expect((await get('/')).body).toBe('node v2');
    expect((await get('/data')).body).toBe('kept across deploys');
    expect(JSON.parse((await cli('storage', '--json')).stdout)).toEqual([{ hostPath: hostDir, containerPath: '/data' }]);
    expect((await cli('storage:mount', '/etc:/etc2')).stderr).toMatch(/system directory/);

    // An app whose volume cannot be shared by two releases can stop the old containers first.
    expect((await cli('deploy:strategy', 'stop-first')).code).toBe(0);
    const restart = await cli('ps:restart', 'web');
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toMatch(/Stopping web\.1 .* before the new release starts \(stop-first\)[\s\S]*Starting web\.1/);
    expect((await get('/data')).body).toBe('kept across deploys');
    expect(await webContainers()).toHaveLength(1);
    expect((await cli('deploy:strategy', 'blue-green')).code).toBe(0);
  });

  it('queues a second operation behind a running one', async () => {
    const slow = cli('config:set', 'SLOW_START=2');
    for (let i = 0; i < 100 && !(await info()).lock; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await info()).lock?.operation).toBe('config');
    const second = await cli('config:set', 'AFTER=1');
    const first = await slow;
    expect([first.code, second.code], first.stderr + second.stderr).toEqual([0, 0]);
    const releases = JSON.parse((await cli('releases', '--json')).stdout) as { description: string }[];
    expect(releases.slice(0, 2).map((r) => r.description)).toEqual(['Set AFTER config var', 'Set SLOW_START config var']);
  });

  it('clears the lock of an operation whose paas died, at restart', async () => {
    const doomed = cli('config:set', 'SLOW_START=30');
    for (let i = 0; i < 100 && !(await info()).lock; i++) await new Promise((r) => setTimeout(r, 50));
    const dead = (await info()).lock;
    expect(dead?.operation).toBe('config');
    await paas.kill('SIGKILL');
    await doomed;
    await paas.restart();
    // The new run's own supervisor may hold the lock for a moment (its first reconcile); the dead one is gone.
    const after = (await info()).lock;
    if (after) expect([after.owner, after.operation]).not.toEqual([dead!.owner, 'config']);
    const t0 = Date.now();
    const next = await cli('config:set', 'SLOW_START=0');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).not.toMatch(/running \(config/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect((await get('/')).status).toBe(200);
  });
});
