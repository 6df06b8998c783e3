import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { fixtureRepo, type TestRepo } from '../helpers/git-repo.js';
import { createAppWithRemote, eventually } from '../helpers/apps.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';

/** The processes of the app's running web container, as the host sees them (`docker top`). */
async function webProcesses(app: string): Promise<string[]> {
  const id = (await runProgram(['docker', 'ps', '-q', '--filter', `label=paas.app=${app}`, '--filter', 'label=paas.process=web'])).stdout.trim();
  expect(id).toMatch(/^[0-9a-f]+$/);
  const top = await runProgram(['docker', 'top', id, '-o', 'pid,args']);
  expect(top.code, top.stderr).toBe(0);
  return top.stdout.trim().split('\n').slice(1);
}

// The other detected runtimes, on one server: Python WSGI on gunicorn, and a static site.
describe('building detected Python and static apps', () => {
  let paas: PaasServer;
  const python = appName('py');
  const site = appName('site');
  let pyRepo: TestRepo;
  let siteRepo: TestRepo;

  beforeAll(async () => {
    paas = await startPaas();
    [pyRepo, siteRepo] = await Promise.all([fixtureRepo('python-app', paas.env), fixtureRepo('static-site', paas.env)]);
    await createAppWithRemote(paas, python, pyRepo);
    await createAppWithRemote(paas, site, siteRepo);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('serves a Python WSGI app through nginx from gunicorn with WEB_CONCURRENCY=3 workers', async () => {
    const set = await paas.cli(['config:set', 'WEB_CONCURRENCY=3', '-a', python]);
    expect(set.code, set.stderr).toBe(0);
    const push = await pyRepo.git(['push', 'paas', 'main']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toContain('remote: -----> Python WSGI app detected (requirements.txt; gunicorn hello:app)');
    const host = `${python}.${paas.domain}`;
    const res = await httpGet(paas.httpPort, host);
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/^hello from python, worker \d+\n$/);
    // The gunicorn master and its prefork workers (tini, Docker's init, shows the same args). Workers boot one by
    // one after the master listens: wait for 4, then check that no more (the default, 2 x cores + 1) follow.
    const gunicorn = async () => (await webProcesses(python)).filter((p) => /gunicorn hello:app/.test(p) && !p.includes('docker-init'));
    await eventually(async () => ((await gunicorn()).length >= 4 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await gunicorn()).toHaveLength(4);
    // Requests are answered by more than one worker process (prefork), always through nginx.
    const pids = new Set<string>();
    for (let i = 0; i < 40 && pids.size < 2; i++) pids.add((await httpGet(paas.httpPort, host)).body);
    expect(pids.size).toBeGreaterThan(1);
  });

  it('binds gunicorn to loopback on the port paas assigned', async () => {
    const [ps] = JSON.parse((await paas.cli(['ps', '-a', python, '--json'])).stdout) as { port: number }[];
    const ss = await runProgram(['ss', '-Hltn', `sport = :${ps!.port}`]);
    expect(ss.stdout).toContain(`127.0.0.1:${ps!.port}`);
  });

  it('serves a static site from public/ with the right content types', async () => {
    const push = await siteRepo.git(['push', 'paas', 'main']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toContain('remote: -----> Static site detected (public/)');
    const host = `${site}.${paas.domain}`;
    const index = await httpGet(paas.httpPort, host, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html;charset=utf-8');
    expect(index.body).toContain('<h1>hello from a static site</h1>');
    const css = await httpGet(paas.httpPort, host, '/style.css');
    expect([css.status, css.headers['content-type'], css.body]).toEqual([200, 'text/css;charset=utf-8', 'h1 { color: teal; }\n']);
    expect((await httpGet(paas.httpPort, host, '/data.json')).headers['content-type']).toBe('application/json');
    // Only public/ is published: not the repo's other files, nor paas's build files.
    expect((await httpGet(paas.httpPort, host, '/README.md')).status).toBe(404);
    expect((await httpGet(paas.httpPort, host, '/.paas-build/Dockerfile')).status).toBe(404);
  });
});
