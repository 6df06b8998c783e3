import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { fixtureRepo, type TestRepo } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';

// Real paas server, real dockerd, real nginx, real git client: the walking skeleton end to end.
describe('git push to a live app behind nginx', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('hello');
  const host = () => `${app}.${paas.domain}`;

  beforeAll(async () => {
    paas = await startPaas();
    repo = await fixtureRepo('dockerfile-app', paas.env);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('logs in, creates the app and adds a git remote through the CLI', async () => {
    const login = await paas.cli(['login', paas.url, '--token', paas.token]);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    const created = await paas.cli(['apps:create', app]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain(`http://${host()}`);
    const remote = await paas.cli(['git:remote', '-a', app], { cwd: repo.dir });
    expect(remote.code, remote.stderr).toBe(0);
    expect((await repo.git(['remote', 'get-url', 'paas'])).stdout.trim()).toBe(`${paas.url}/${app}.git`);
    // The token reaches git through the credential helper, not through .git/config.
    expect((await repo.git(['config', '--list', '--local'])).stdout).not.toContain(paas.token);
  });

  it('serves the pushed app through nginx', async () => {
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(/remote: -----> Building/);
    expect(push.stderr).toMatch(/remote: -----> Deployed v1/);
    const res = await httpGet(paas.httpPort, host());
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello from v1\n');
  });

  it('serves the new body after a second push', async () => {
    repo.write('www/index.html', 'hello from v2\n');
    await repo.commit('v2');
    const started = Date.now();
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(/Deployed v2/);
    expect((await httpGet(paas.httpPort, host())).body).toBe('hello from v2\n');
    console.log(`push-to-live of the Dockerfile fixture (second push, git push until nginx serves it): ${Date.now() - started} ms`);
  });

  it('rejects a push whose build fails and keeps serving the previous release', async () => {
    repo.write('Dockerfile', 'FROM paas-test/busybox\nRUN echo "about to fail" && exit 3\n');
    await repo.commit('broken build');
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/\[remote rejected\] main -> main \(deploy failed\)/);
    expect(push.stderr).toMatch(/remote:  ! {5}Deploy failed: .*returned a non-zero code: 3/);
    const res = await httpGet(paas.httpPort, host());
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello from v2\n');
    // The rejected commit did not move the branch on the server.
    const stored = await runProgram(['git', '--git-dir', join(paas.dataDir, 'repos', `${app}.git`), 'rev-parse', 'refs/heads/main']);
    expect(stored.stdout.trim()).toBe((await repo.git(['rev-parse', 'HEAD~1'])).stdout.trim());
  });

  it('shows the running process with ps, from inside the repo (app found from the git remote)', async () => {
    const ps = await paas.cli(['ps', '--json'], { cwd: repo.dir });
    expect(ps.code, ps.stderr).toBe(0);
    const rows = JSON.parse(ps.stdout) as { process: string; release: string; state: string }[];
    expect(rows).toEqual([expect.objectContaining({ process: 'web', release: 'v2', state: 'running' })]);
  });

  it('refuses bad app names with a clear error and creates nothing', async () => {
    for (const bad of ['../x', 'a;b', 'UPPER', '-x', '']) {
      const r = await paas.cli(['apps:create', bad]);
      expect(r.code, bad).toBe(1);
      expect(r.stderr, bad).toMatch(/^error \[(INVALID_APP_NAME|CLI_USAGE)\]/);
    }
    const list = JSON.parse((await paas.cli(['apps', '--json'])).stdout) as { name: string }[];
    expect(list.map((a) => a.name)).toEqual([app]);
  });

  it('destroys the app only with confirmation, removing its containers and route', async () => {
    const refused = await paas.cli(['apps:destroy', '-a', app]);
    expect(refused.code).toBe(1);
    expect((await httpGet(paas.httpPort, host())).status).toBe(200);
    const done = await paas.cli(['apps:destroy', '-a', app, '--confirm', app]);
    expect(done.code, done.stderr).toBe(0);
    const containers = await runProgram(['docker', 'ps', '-aq', '--filter', `label=paas.app=${app}`]);
    expect(containers.stdout.trim()).toBe('');
    expect((await httpGet(paas.httpPort, host())).status).toBe(404);
  });
});
