import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { deployedFixture, type TestRepo } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';
import { startLoad, summarize } from '../helpers/load.js';
import { ensureNodeBareImage } from '../helpers/node-image.js';
import { nginxWorkerPids } from '../helpers/nginx-workers.js';

// Real paas, dockerd, nginx and git: deploys and a rollback while a keep-alive client hammers the app through nginx.
describe('zero-downtime deploys', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('zdt');
  const host = () => `${app}.${paas.domain}`;
  const images = async () => (await runProgram(['docker', 'images', '--no-trunc', '--format', '{{.ID}} {{.Tag}}', `paas/${app}`])).stdout.split('\n').filter(Boolean).sort();

  const push = async (body: string) => {
    repo.write('body.txt', `${body}\n`);
    await repo.commit(body);
    const r = await repo.git(['push', 'paas', 'main']);
    expect(r.code, r.stderr).toBe(0);
  };

  beforeAll(async () => {
    await ensureNodeBareImage();
    // The rollback goes back to v1 after 5 more deploys: keep more than the default 5 release images.
    paas = await startPaas({ extraArgs: ['--keep-images', '10'] });
    repo = await deployedFixture(paas, 'node-app', app);
    expect((await httpGet(paas.httpPort, host())).body).toBe('node v1');
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('serves every GET and POST during 5 pushes and a rollback, without reloading nginx and without a build for the rollback', async () => {
    const workers = nginxWorkerPids(paas.dataDir);
    const load = startLoad({ port: paas.httpPort, host: host(), connections: 8, maxRequests: 400_000, deadlineMs: 150_000, postEvery: 3 });
    try {
      for (let v = 2; v <= 6; v++) await push(`node v${v}`);
      const before = await images();
      const rollback = await paas.cli(['rollback', 'v1', '-a', app]);
      expect(rollback.code, rollback.stderr).toBe(0);
      expect(rollback.stdout).toMatch(/Rolled back to v1: v7/);
      expect(await images()).toEqual(before);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      load.stop();
    }
    const samples = await load.done;
    const s = summarize(samples);
    expect(s.examples).toEqual([]);
    expect(s.non2xx).toBe(0);
    expect(s.errors).toBe(0);
    expect(s.posts).toBeGreaterThan(100);
    // Traffic really moved through every release, and the rollback serves v1's body again.
    const seen = new Set(samples.map((x) => x.body?.replace(/ got \d+$/, '')));
    for (let v = 1; v <= 6; v++) expect(seen).toContain(`node v${v}`);
    expect((await httpGet(paas.httpPort, host())).body).toBe('node v1');
    expect(nginxWorkerPids(paas.dataDir)).toEqual(workers);

    const releases = JSON.parse((await paas.cli(['releases', '-a', app, '--json'])).stdout) as { version: number; image: string; description: string; current: boolean }[];
    expect(releases[0]).toMatchObject({ version: 7, image: `paas/${app}:v1`, description: 'Rollback to v1', current: true });
  });
});
