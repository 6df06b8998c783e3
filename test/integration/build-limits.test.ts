import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { deployedFixture, type TestRepo } from '../helpers/git-repo.js';
import { eventually } from '../helpers/apps.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';

const BUILD_TIMEOUT_SEC = 5;
const KEEP_IMAGES = 3;
const BUILD_MEMORY = '64m';

/** Whether a container whose command contains `marker` is running (a build step's container). */
async function stepRunning(marker: string): Promise<boolean> {
  const r = await runProgram(['docker', 'ps', '--no-trunc', '--format', '{{.Command}}']);
  return r.stdout.includes(marker);
}

async function latestBuild(paas: PaasServer, app: string): Promise<{ id: number; status: string; error?: string } | undefined> {
  const r = await paas.cli(['builds', '-a', app, '--json']);
  return (JSON.parse(r.stdout) as { id: number; status: string; error?: string }[])[0];
}

// Bounded and clean builds: timeout, cancel, missing base image, failing release phase, image retention.
describe('build limits and clean-up', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('limits');
  const host = () => `${app}.${paas.domain}`;

  beforeAll(async () => {
    paas = await startPaas({ extraArgs: ['--build-timeout', String(BUILD_TIMEOUT_SEC), '--keep-images', String(KEEP_IMAGES), '--build-memory', BUILD_MEMORY] });
    repo = await deployedFixture(paas, 'dockerfile-app', app);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('stops a build that exceeds the build timeout and reports it', async () => {
    const marker = `timeout-marker-${app}`;
    repo.write('Dockerfile', `FROM paas-test/busybox\nRUN echo ${marker} && sleep 600\n`);
    await repo.commit('slow build');
    const started = Date.now();
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(push.stderr).toContain(`the build took longer than ${BUILD_TIMEOUT_SEC} s and was stopped`);
    expect(push.stderr).toMatch(/\[remote rejected\] main -> main \(deploy failed\)/);
    expect(await latestBuild(paas, app)).toMatchObject({ status: 'timed-out' });
    // The engine killed the step's container: nothing of the build keeps running.
    await eventually(async () => ((await stepRunning(marker)) ? undefined : true));
    expect((await httpGet(paas.httpPort, host())).body).toBe('hello from v1\n');
  });

  it('builds:cancel stops the running build and fails its push', async () => {
    const none = await paas.cli(['builds:cancel', '-a', app]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^error \[NOT_FOUND\]: no build of .* is running/);

    const marker = `cancel-marker-${app}`;
    repo.write('Dockerfile', `FROM paas-test/busybox\nRUN echo ${marker} && sleep 120\n`);
    await repo.commit('build to cancel');
    const pushing = repo.git(['push', 'paas', 'main']);
    await eventually(async () => ((await stepRunning(marker)) ? true : undefined));
    const cancel = await paas.cli(['builds:cancel', '-a', app]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toMatch(/^Cancelling build \d+ of /);
    const push = await pushing;
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('the build was cancelled (paas builds:cancel)');
    expect(await latestBuild(paas, app)).toMatchObject({ status: 'cancelled' });
    await eventually(async () => ((await stepRunning(marker)) ? undefined : true));
  });

  it('marks a build that paas died during as failed on its next start; the engine stops the step', async () => {
    const marker = `interrupt-marker-${app}`;
    repo.write('Dockerfile', `FROM paas-test/busybox\nRUN echo ${marker} && sleep 120\n`);
    await repo.commit('build interrupted by a crash of paas');
    const pushing = repo.git(['push', 'paas', 'main']);
    await eventually(async () => ((await stepRunning(marker)) ? true : undefined));
    await paas.kill('SIGKILL');
    expect((await pushing).code).not.toBe(0);
    // The engine cancels a build whose client went away.
    await eventually(async () => ((await stepRunning(marker)) ? undefined : true));
    await paas.restart();
    expect(await latestBuild(paas, app)).toMatchObject({ status: 'failed', error: 'interrupted: paas stopped during the build' });
    expect((await httpGet(paas.httpPort, host())).body).toBe('hello from v1\n');
  });

  it('fails at once, and says why, when a base image is missing and pulls are off', async () => {
    const missing = `paas-test/missing-${app}`;
    repo.write('Dockerfile', `FROM ${missing}\nCOPY www /www\n`);
    await repo.commit('missing base image');
    const started = Date.now();
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(push.stderr).toContain(`base image ${missing} is not on this server, and pulls are off (--build-pull never)`);
  });

  it(`kills a build step that needs more than --build-memory (${BUILD_MEMORY}) and fails the build`, async () => {
    // busybox sort holds its whole (single, 300 MB) input line in memory.
    repo.write('Dockerfile', 'FROM paas-test/busybox\nRUN head -c 300m /dev/zero | sort >/dev/null\n');
    await repo.commit('memory hog');
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/Deploy failed: The command .*sort.* returned a non-zero code: 137/);
    expect(await latestBuild(paas, app)).toMatchObject({ status: 'failed' });
  });

  it('fails the deploy when the release command fails; the previous release keeps serving', async () => {
    repo.write('Dockerfile', 'FROM paas-test/busybox\nCOPY www /www\nCMD ["/bin/sh", "-c", "exec httpd -f -p 127.0.0.1:$PORT -h /www"]\n');
    repo.write('www/index.html', 'hello from the new release\n');
    repo.write('Procfile', 'release: echo "migrating $PAAS_RELEASE" && echo "migration failed" >&2 && exit 4\n');
    await repo.commit('failing release phase');
    const push = await repo.git(['push', 'paas', 'main']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/remote: -----> Running the release command of (v\d+): echo "migrating/);
    const version = /Running the release command of (v\d+)/.exec(push.stderr)![1];
    expect(push.stderr).toContain(`remote:        migrating ${version}`);
    expect(push.stderr).toContain('remote:        migration failed');
    expect(push.stderr).toContain('Deploy failed: the release command exited with code 4');
    expect(push.stderr).toMatch(/\[remote rejected\] main -> main \(deploy failed\)/);
    expect((await httpGet(paas.httpPort, host())).body).toBe('hello from v1\n');
    // The one-off container is gone, and nothing of the failed release was started.
    const left = await runProgram(['docker', 'ps', '-a', '--format', '{{.Names}}', '--filter', `label=paas.app=${app}`]);
    expect(left.stdout.trim().split('\n')).toEqual([`paas-${app}-web-1-blue`]);

    repo.write('Procfile', 'release: echo "migrating $PAAS_RELEASE"\n');
    await repo.commit('fixed release phase');
    const fixed = await repo.git(['push', 'paas', 'main']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain('Release command succeeded');
    expect((await httpGet(paas.httpPort, host())).body).toBe('hello from the new release\n');
  });

  it(`keeps only the images of the last ${KEEP_IMAGES} releases after 7 deploys, honouring .dockerignore`, async () => {
    repo.write('.dockerignore', '# never in the image\nwww/secret.txt\n');
    repo.write('www/secret.txt', 'do not ship\n');
    let last = '';
    for (let i = 1; i <= 7; i++) {
      repo.write('www/index.html', `deploy ${i}\n`);
      await repo.commit(`deploy ${i}`);
      const push = await repo.git(['push', 'paas', 'main']);
      expect(push.code, push.stderr).toBe(0);
      last = /Deployed (v\d+)/.exec(push.stderr)![1]!;
    }
    expect((await httpGet(paas.httpPort, host())).body).toBe('deploy 7\n');
    expect((await httpGet(paas.httpPort, host(), '/secret.txt')).status).toBe(404);
    const tags = (await runProgram(['docker', 'images', `paas/${app}`, '--format', '{{.Tag}}'])).stdout.trim().split('\n').sort();
    const n = Number(last.slice(1));
    expect(tags).toEqual([n - 2, n - 1, n].map((v) => `v${v}`).sort());
    const dangling = await runProgram(['docker', 'images', '-q', '--filter', 'dangling=true', '--filter', `label=paas.app=${app}`]);
    expect(dangling.stdout.trim()).toBe('');
  });
});
