import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { deployedFixture } from '../helpers/git-repo.js';
import { httpGet } from '../helpers/http.js';
import { runProgram } from '../helpers/run.js';
import { ensureNodeBareImage } from '../helpers/node-image.js';

// The phoenix test: back up a paas, destroy it (containers, images, state, nginx), restore onto a fresh one.
describe('backup and restore', () => {
  let old: PaasServer;
  let fresh: PaasServer;
  const dir = mkdtempSync(join(tmpdir(), 'paas-backup-'));
  const file = join(dir, 'paas.tar.gz');
  const node = appName('bk-node');
  const crashy = appName('bk-crashy');
  const env = (body: string) => Object.fromEntries(body.split('\0').map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));

  beforeAll(async () => {
    await ensureNodeBareImage();
    old = await startPaas();
    await deployedFixture(old, 'node-app', node);
    await deployedFixture(old, 'crashy-app', crashy);
    const set = await old.cli(['config:set', 'GREETING=hello\nfrom "the" backup $(x)', '-a', node]);
    expect(set.code, set.stderr).toBe(0);
  });
  afterAll(async () => {
    await old?.stop();
    await fresh?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a backup while paas runs, readable only by its owner', async () => {
    const r = await old.cli(['backup', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const listing = await runProgram(['tar', '-tzf', file]);
    expect(listing.stdout).toContain('state.db');
    expect(listing.stdout).toContain(`repos/${node}.git/HEAD`);
  });

  it('rebuilds every app on an empty paas and Docker, with its config, releases and tokens', async () => {
    const oldToken = old.token;
    await old.stop(); // containers, images, nginx and data dir gone
    expect((await runProgram(['docker', 'images', '-q', `paas/${node}`])).stdout.trim()).toBe('');
    fresh = await startPaas();
    const r = await fresh.cli(['restore', file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Restored 2 of 2 apps/);

    const nodeAnswer = await httpGet(fresh.httpPort, `${node}.${fresh.domain}`, '/env');
    expect(nodeAnswer.status).toBe(200);
    expect(env(nodeAnswer.body).GREETING).toBe('hello\nfrom "the" backup $(x)');
    expect((await httpGet(fresh.httpPort, `${crashy}.${fresh.domain}`)).body).toBe('crashy v1\n');
    const releases = JSON.parse((await fresh.cli(['releases', '--json', '-a', node])).stdout) as { version: number; current: boolean }[];
    expect(releases.map((x) => x.version)).toEqual([2, 1]);
    expect(releases[0]!.current).toBe(true);
    // The old server's token still works: CLI logins survive a phoenix rebuild.
    const withOld = await runProgram([process.execPath, join(process.cwd(), 'bin/paas'), 'apps', '--json'], { env: { ...fresh.env, PAAS_TOKEN: oldToken } });
    expect(withOld.code, withOld.stderr).toBe(0);
    expect((JSON.parse(withOld.stdout) as { name: string }[]).map((a) => a.name).sort()).toEqual([crashy, node].sort());
  });

  it('refuses to restore over existing apps, and refuses what is not a backup', async () => {
    const again = await fresh.cli(['restore', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/error \[INVALID_INPUT\]: restore needs a paas without apps/);
    const empty = await startPaas();
    try {
      const junk = join(dir, 'junk.tar.gz');
      await runProgram(['sh', '-c', `head -c 4096 /dev/urandom > ${junk}`]);
      const r = await empty.cli(['restore', junk]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/error \[INVALID_INPUT\]: not a paas backup/);
    } finally {
      await empty.stop();
    }
  });
});
