import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { deployedFixture, type TestRepo } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';
import { streaming } from '../helpers/streaming.js';

interface Info { currentVersion?: number; lock?: unknown }
interface ReleaseRow { version: number; status: string; current: boolean }

// paas is SIGKILLed in the middle of a deploy; after it starts again the app serves a whole release and no lock is left.
describe('recovery after paas is killed', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('rec');
  const host = () => `${app}.${paas.domain}`;
  const cli = (...args: string[]) => paas.cli([...args, '-a', app]);
  const info = async () => JSON.parse((await cli('apps:info', '--json')).stdout) as Info;
  const releases = async () => JSON.parse((await cli('releases', '--json')).stdout) as ReleaseRow[];
  const body = async () => (await httpGet(paas.httpPort, host())).body;
  const containers = async () =>
    (await runProgram(['docker', 'ps', '-a', '--format', '{{.Names}} {{.Label "paas.release"}}', '--filter', `label=paas.app=${app}`])).stdout.trim().split('\n').filter(Boolean).sort();

  /** Polls `check` until it holds, bounded in time. */
  const eventually = async (check: () => Promise<boolean>, ms = 30_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const pushInBackground = () => streaming(['git', 'push', 'paas', 'main'], { cwd: repo.dir, env: { ...paas.env, GIT_AUTHOR_NAME: 'T' } });

  beforeAll(async () => {
    paas = await startPaas();
    repo = await deployedFixture(paas, 'crashy-app', app);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('killed during a build: after a restart the old release serves, the deploy is failed, and the next push works', async () => {
    const dockerfile = readFileSync(join(repo.dir, 'Dockerfile'), 'utf8');
    repo.write('Dockerfile', dockerfile.replace('COPY www /www', 'COPY www /www\nRUN sleep 8'));
    await repo.commit('slow build');
    const push = pushInBackground();
    await push.waitFor(/RUN sleep 8/);
    await paas.kill('SIGKILL');
    expect(await push.exited).not.toBe(0);
    expect(await body()).toBe('crashy v1\n'); // paas is not in the data path

    await paas.restart();
    expect(await info()).toMatchObject({ currentVersion: 1 });
    expect((await info()).lock).toBeUndefined();
    expect(await body()).toBe('crashy v1\n');
    expect(paas.output()).toMatch(/interrupted by a restart of paas during \\"building\\"/);

    repo.write('Dockerfile', dockerfile);
    repo.write('www/index.html', 'crashy v2\n');
    await repo.commit('v2');
    const next = await repo.git(['push', 'paas', 'main']);
    expect(next.code, next.stderr).toBe(0);
    expect(await body()).toBe('crashy v2\n');
  });

  it('killed during a switch (new container up, health check pending): the old release serves, the new one is removed', async () => {
    const start = readFileSync(join(repo.dir, 'start.sh'), 'utf8');
    repo.write('start.sh', start.replace('#!/bin/sh\n', '#!/bin/sh\nsleep 6\n'));
    repo.write('www/index.html', 'crashy v3\n');
    await repo.commit('slow start');
    const push = pushInBackground();
    await push.waitFor(/Waiting for web\.1 to answer/);
    await paas.kill('SIGKILL');
    expect(await push.exited).not.toBe(0);
    expect(await containers()).toHaveLength(2); // the old one serving, the new one starting

    await paas.restart();
    await eventually(async () => (await containers()).length === 1);
    expect((await containers())[0]).toMatch(/ v\d+$/);
    const current = (await info()).currentVersion!;
    expect((await containers())[0]!.endsWith(` v${current}`)).toBe(true);
    expect(await body()).toBe('crashy v2\n');
    const rows = await releases();
    expect(rows.find((r) => r.current)?.version).toBe(current);
    expect(rows.find((r) => r.version === current + 1)?.status).toBe('failed');
    expect((await info()).lock).toBeUndefined();
  });
});
