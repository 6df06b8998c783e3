import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { deployedFixture } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';

interface PsRow { name: string; process: string; release: string; state: string; crashed?: { exitCode?: number; exits: number; lastLines: string[] } }

// Real Docker, nginx and paas: crashes, containers stopped or removed behind paas's back, and a crash loop.
describe('supervisor', () => {
  let paas: PaasServer;
  const app = appName('sup');
  const host = () => `${app}.${paas.domain}`;
  const get = (path = '/') => httpGet(paas.httpPort, host(), path, 3_000).catch((e: Error) => ({ status: 0, body: e.message, headers: {} }));
  const ps = async () => JSON.parse((await paas.cli(['ps', '--json', '-a', app])).stdout) as PsRow[];
  const web = async () => (await ps()).find((r) => r.process === 'web')!;
  const docker = (...args: string[]) => runProgram(['docker', ...args]);

  /** Polls until the app answers 200 with its body, bounded; returns how long it took. */
  const servingAgain = async (sinceMs: number, limitMs = 30_000): Promise<number> => {
    for (;;) {
      const r = await get();
      if (r.status === 200 && r.body === 'crashy v1\n') return Date.now() - sinceMs;
      if (Date.now() - sinceMs > limitMs) throw new Error(`not serving ${limitMs} ms after the crash: ${r.status} ${r.body}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  };

  beforeAll(async () => {
    paas = await startPaas();
    await deployedFixture(paas, 'crashy-app', app);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('serves again after the app process exits by itself', async () => {
    const before = await web();
    const crashed = Date.now();
    expect((await get('/cgi-bin/crash')).body).toBe('crashing\n');
    await servingAgain(crashed);
    expect((await web()).name).toBe(before.name);
  });

  it('serves again after a kill -9 of its host PID', async () => {
    const { name } = await web();
    const pid = (await docker('inspect', '--format', '{{.State.Pid}}', name)).stdout.trim();
    // 0 (a container between two runs) would make `kill -9 0` kill this test's whole process group.
    expect(Number(pid)).toBeGreaterThan(1);
    const crashed = Date.now();
    await runProgram(['kill', '-9', pid]);
    await servingAgain(crashed);
  });

  it('restarts a container stopped behind its back (docker stop is never restarted by Docker itself)', async () => {
    const { name } = await web();
    await docker('stop', '-t', '1', name);
    expect((await get()).status).toBe(502);
    await servingAgain(Date.now());
  });

  it('recreates a container removed behind its back', async () => {
    const { name } = await web();
    await docker('rm', '-f', name);
    await servingAgain(Date.now());
    expect((await ps()).map((r) => r.state)).toEqual(['running']);
  });

  it('removes a container it does not want (an orphan with its labels), and leaves another paas server\'s alone', async () => {
    const labelled = (name: string, instance: string) =>
      docker('run', '-d', '--name', name, '--network', 'host', '--label', 'paas.managed=true', '--label', `paas.instance=${instance}`,
        '--label', `paas.app=${app}`, '--label', 'paas.process=web', '--label', 'paas.replica=9', '--label', 'paas.slot=green',
        '--label', 'paas.release=v1', 'paas-test/busybox', 'sleep', '600');
    const exists = async (name: string) => (await docker('ps', '-aq', '--filter', `name=^${name}$`)).stdout.trim() !== '';
    const orphan = `paas-${app}-web-9-green`;
    const foreign = `paas-${app}-foreign`;
    await labelled(orphan, paas.instance);
    await labelled(foreign, 'another-paas');
    try {
      const deadline = Date.now() + 20_000;
      while ((await exists(orphan)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(await exists(orphan)).toBe(false);
      expect(await exists(foreign)).toBe(true);
    } finally {
      await docker('rm', '-f', foreign);
    }
  });

  it('marks a crash-looping process crashed, stops restarting it, and ps:restart clears it', async () => {
    await servingAgain(Date.now());
    expect((await get('/cgi-bin/crash-loop')).body).toBe('crash loop\n');
    // Docker restarts it after 0.1, 0.2, 0.4, 0.8, 1.6 s: the sixth exit inside a minute marks it crashed.
    let row = await web();
    const deadline = Date.now() + 30_000;
    while (row.state !== 'crashed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      row = await web();
    }
    expect(row.state).toBe('crashed');
    expect(row.crashed).toMatchObject({ exitCode: 3, exits: 6 });
    expect(row.crashed!.lastLines).toContain('crash-loop flag present: exiting at start');
    const text = (await paas.cli(['ps', '-a', app])).stdout;
    expect(text).toMatch(/web\.1 crashed: 6 exits within a minute, last exit code 3/);
    // It stays down: neither Docker nor the reconcile restart it.
    const restartsBefore = (await docker('inspect', '--format', '{{.RestartCount}}', row.name)).stdout.trim();
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await docker('inspect', '--format', '{{.State.Status}} {{.RestartCount}}', row.name)).stdout.trim()).toBe(`exited ${restartsBefore}`);
    expect((await get()).status).toBe(502);

    const restart = await paas.cli(['ps:restart', 'web', '-a', app]);
    expect(restart.code, restart.stderr + restart.stdout).toBe(0);
    await servingAgain(Date.now(), 10_000);
    expect(await web()).toMatchObject({ state: 'running' });
    expect((await web()).crashed).toBeUndefined();
  });
});
