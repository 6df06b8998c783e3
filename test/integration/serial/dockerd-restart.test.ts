import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../../helpers/paas-server.js';
import { deployedFixture } from '../../helpers/git-repo.js';
import { httpGet } from '../../helpers/http.js';
import { restartDockerd } from '../../helpers/dockerd.js';

// Runs alone (deploy/test.sh's serial phase): restarting the shared Docker engine would break other tests.
describe('a restart of the Docker engine', () => {
  let paas: PaasServer;
  const apps = [{ name: appName('dk-a'), fixture: 'crashy-app', body: 'crashy v1\n' }, { name: appName('dk-b'), fixture: 'dockerfile-app', body: 'hello from v1\n' }];
  const serving = async (app: (typeof apps)[number]) => {
    const r = await httpGet(paas.httpPort, `${app.name}.${paas.domain}`, '/', 2_000).catch(() => undefined);
    return r?.status === 200 && r.body === app.body;
  };

  beforeAll(async () => {
    paas = await startPaas();
    for (const app of apps) await deployedFixture(paas, app.fixture, app.name);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('brings every app back on its ports and routes', async () => {
    for (const app of apps) expect(await serving(app)).toBe(true);
    const stoppedAt = Date.now();
    await restartDockerd();
    const deadline = Date.now() + 60_000;
    while (!(await Promise.all(apps.map(serving))).every(Boolean)) {
      if (Date.now() > deadline) throw new Error('apps not serving 60 s after the engine came back');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(Date.now() - stoppedAt).toBeLessThan(120_000);
    // paas itself kept running and still answers for the apps.
    const ps = JSON.parse((await paas.cli(['ps', '--json', '-a', apps[0]!.name])).stdout) as { state: string }[];
    expect(ps.map((r) => r.state)).toEqual(['running']);
  });
});
