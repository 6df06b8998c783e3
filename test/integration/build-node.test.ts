import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { fixtureRepo, type TestRepo } from '../helpers/git-repo.js';
import { createAppWithRemote, eventually } from '../helpers/apps.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';

/** `docker history` of an image: the layer IDs with the instruction that made each. */
async function history(image: string): Promise<{ id: string; createdBy: string }[]> {
  const r = await runProgram(['docker', 'history', '--no-trunc', '--format', '{{.ID}}\t{{.CreatedBy}}', image]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').map((l) => {
    const [id, createdBy] = l.split('\t') as [string, string];
    return { id, createdBy };
  });
}

// A Node app with no Dockerfile and a real npm dependency (express, from the npm registry during the build).
describe('building a detected Node app', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('node');
  const host = () => `${app}.${paas.domain}`;

  beforeAll(async () => {
    paas = await startPaas();
    repo = await fixtureRepo('node-npm-app', paas.env);
    await createAppWithRemote(paas, app, repo);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('installs express with npm ci, runs the release phase, and serves web through nginx', async () => {
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toContain('remote: -----> Node app detected (npm ci)');
    expect(push.stderr).toContain('remote: -----> Process types: web, worker; release phase');
    expect(push.stderr).toMatch(/remote: {8}added \d+ packages/);
    expect(push.stderr).toContain('remote:        release phase of v1');
    expect(push.stderr).toMatch(/Deployed v1/);
    const res = await httpGet(paas.httpPort, host());
    expect(res.status).toBe(200);
    expect(res.body).toBe('hello from node v1 (v1)\n');
    expect(res.headers['x-powered-by']).toBe('Express');
  });

  it('runs the worker process type from the same image, without a port', async () => {
    const ps = JSON.parse((await paas.cli(['ps', '-a', app, '--json'])).stdout) as { process: string; release: string; state: string; port?: number }[];
    expect(ps.map((p) => [p.process, p.release, p.state])).toEqual([['web', 'v1', 'running'], ['worker', 'v1', 'running']]);
    expect(ps.find((p) => p.process === 'worker')!.port).toBeUndefined();
    const logs = await eventually(async () => {
      const r = await paas.cli(['logs', '-a', app, '-t', 'worker', '-n', '50']);
      return r.stdout.includes('worker tick') ? r.stdout : undefined;
    });
    expect(logs).toContain(`${app}[worker.1]: worker started (worker.1, v1)`);
  });

  it('rebuilds a code-only change from cache: the npm ci layer is reused', async () => {
    repo.write('message.js', "exports.message = 'hello from node v2';\n");
    await repo.commit('one-line change');
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code, push.stderr).toBe(0);
    // The legacy builder prints the step, then "Using cache" when it reuses the layer.
    expect(push.stderr).toMatch(/Step \d+\/\d+ : RUN npm ci --omit=dev --no-audit --no-fund\s*\nremote: {8} ---> Using cache/);
    expect(push.stderr).not.toMatch(/added \d+ packages/);
    const npmCi = async (image: string) => (await history(image)).find((l) => l.createdBy.includes('npm ci'));
    const [v1, v2] = [await npmCi(`paas/${app}:v1`), await npmCi(`paas/${app}:v2`)];
    expect(v1?.id).toMatch(/^sha256:/);
    expect(v2?.id).toBe(v1?.id);
    const res = await httpGet(paas.httpPort, host());
    expect(res.body).toBe('hello from node v2 (v2)\n');
  });

  it('lists both builds with status, runtime and duration', async () => {
    const builds = JSON.parse((await paas.cli(['builds', '-a', app, '--json'])).stdout) as { version: number; status: string; runtime: string; durationMs: number }[];
    expect(builds.map((b) => [b.version, b.status, b.runtime])).toEqual([[2, 'succeeded', 'node'], [1, 'succeeded', 'node']]);
    expect(builds.every((b) => b.durationMs > 0)).toBe(true);
    const table = await paas.cli(['builds', '-a', app]);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +STATUS +RUNTIME +COMMIT +RELEASE +STARTED +DURATION/);
    expect(table.stdout).toMatch(/succeeded +node +[0-9a-f]{7} +v2 .* \d+\.\d s/);
  });
});
