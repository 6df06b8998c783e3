import { createHash } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { fixtureRepo, type TestRepo } from '../helpers/git-repo.js';
import { runProgram } from '../helpers/run.js';
import { fsck, parseReport, postReceivePack, pushBody, sshGitEnv, sshKeygen, storedRef, ZERO } from '../helpers/git-wire.js';

// The real git client against a real paas server, over smart HTTP and over SSH (openssh-client, a generated key).
// After every push the stored repository passes `git fsck --strict`.
describe('git push over HTTP and SSH', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  let keys: { key: string; pub: string; fingerprint: string };
  let stranger: { key: string; pub: string; fingerprint: string };
  const dir = mkdtempSync(join(tmpdir(), 'paas-git-push-'));
  const httpApp = appName('gith');
  const sshApp = appName('gits');
  const gitdir = (app: string) => join(paas.dataDir, 'repos', `${app}.git`);
  const httpUrl = (app: string, token = paas.token) => `${paas.url.replace('http://', `http://paas:${token}@`)}/${app}.git`;
  const sshUrl = (app: string) => `ssh://git@127.0.0.1:${paas.sshPort}/${app}.git`;
  const viaSsh = (key = keys.key) => sshGitEnv(key, paas.sshPort);

  const pushOk = async (args: string[], app: string, env?: NodeJS.ProcessEnv) => {
    const r = await repo.git(['push', ...args], env);
    expect(r.code, r.stderr).toBe(0);
    const check = await fsck(gitdir(app));
    expect(check.code, check.stderr + check.stdout).toBe(0);
    expect(check.stderr + check.stdout).not.toMatch(/error|warning|missing|broken/i);
    return r;
  };
  const head = async (rev = 'HEAD') => (await repo.git(['rev-parse', rev])).stdout.trim();

  beforeAll(async () => {
    // No pack consolidation during the run: git fsck, like any git reader, fails when a pack it has listed is
    // removed under it (consolidation has tests of its own).
    paas = await startPaas({ extraArgs: ['--repack-schedule', '0 0 1 1 *'] });
    repo = await fixtureRepo('dockerfile-app', paas.env);
    keys = await sshKeygen(dir, 'pusher');
    stranger = await sshKeygen(dir, 'stranger');
    for (const app of [httpApp, sshApp]) expect((await paas.cli(['apps:create', app])).code).toBe(0);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('first push over HTTP deploys', async () => {
    const r = await pushOk([httpUrl(httpApp), 'main'], httpApp);
    expect(r.stderr).toMatch(/remote: -----> Deployed v1/);
    expect(await storedRef(gitdir(httpApp), 'refs/heads/main')).toBe(await head());
  });

  it('fast-forward, force push, tag push and branch delete over HTTP, other branches stored without a deploy', async () => {
    repo.write('notes.txt', 'one\n');
    await repo.commit('notes one');
    const first = await pushOk([httpUrl(httpApp), 'HEAD:refs/heads/dev'], httpApp);
    expect(first.stderr).toMatch(/refs\/heads\/dev stored; only a push to main or master deploys/);
    expect(first.stderr).not.toMatch(/Building/);
    repo.write('notes.txt', 'two\n');
    await repo.commit('notes two');
    await pushOk([httpUrl(httpApp), 'HEAD:refs/heads/dev'], httpApp);
    expect(await storedRef(gitdir(httpApp), 'refs/heads/dev')).toBe(await head());
    await pushOk([httpUrl(httpApp), '+HEAD~1:refs/heads/dev'], httpApp);
    expect(await storedRef(gitdir(httpApp), 'refs/heads/dev')).toBe(await head('HEAD~1'));
    await repo.git(['tag', '-a', '-m', 'release one', 'v1']);
    await pushOk([httpUrl(httpApp), 'refs/tags/v1'], httpApp);
    expect(await storedRef(gitdir(httpApp), 'refs/tags/v1')).toBe((await repo.git(['rev-parse', 'v1'])).stdout.trim());
    await pushOk([httpUrl(httpApp), ':refs/heads/dev'], httpApp);
    expect(await storedRef(gitdir(httpApp), 'refs/heads/dev')).toBeUndefined();
  });

  it('refuses a wrong token and an unknown app over HTTP, changing nothing', async () => {
    const before = await storedRef(gitdir(httpApp), 'refs/heads/main');
    const wrong = await repo.git(['push', httpUrl(httpApp, 'paas_wrong'), 'HEAD:refs/heads/main']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/Authentication failed|401/);
    const unknown = await repo.git(['push', httpUrl('no-such-app'), 'HEAD:refs/heads/main']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/not found/);
    expect(await storedRef(gitdir(httpApp), 'refs/heads/main')).toBe(before);
  });

  it('refuses refs outside refs/heads and refs/tags, and deleting the deploy branch', async () => {
    const notes = await repo.git(['push', httpUrl(httpApp), 'HEAD:refs/notes/x']);
    expect(notes.stderr).toMatch(/\[remote rejected\] HEAD -> refs\/notes\/x \(only refs\/heads\/\* and refs\/tags\/\* are accepted\)/);
    const del = await repo.git(['push', httpUrl(httpApp), ':refs/heads/main']);
    expect(del.code).not.toBe(0);
    expect(del.stderr).toMatch(/\[remote rejected\] main \(deleting the deploy branch is not allowed\)/);
    expect(await storedRef(gitdir(httpApp), 'refs/heads/main')).toBeDefined();
    expect(await storedRef(gitdir(httpApp), 'refs/notes/x')).toBeUndefined();
  });

  it('rejects a stale old id per ref, applying the others', async () => {
    const current = (await storedRef(gitdir(httpApp), 'refs/heads/main'))!;
    const tip = await head();
    expect(tip).not.toBe(current);
    const emptyPack = Buffer.from('PACK\0\0\0\x02\0\0\0\0', 'latin1');
    const body = pushBody(
      [
        { old: ZERO, new: tip, ref: 'refs/heads/stale-ok' },
        { old: tip, new: tip, ref: 'refs/heads/main' },
      ],
      // Every object is on the server already: an empty pack.
      Buffer.concat([emptyPack, createHash('sha1').update(emptyPack).digest()]),
    );
    const report = parseReport((await postReceivePack(paas.url, httpApp, paas.token, body)).body);
    expect(report.unpack).toBe('ok');
    expect(report.refs['refs/heads/main']).toBe('stale info: fetch first');
    expect(report.refs['refs/heads/stale-ok']).toBe('ok');
    expect(await storedRef(gitdir(httpApp), 'refs/heads/main')).toBe(current);
    expect(await storedRef(gitdir(httpApp), 'refs/heads/stale-ok')).toBe(tip);
  });

  it('manages SSH keys with paas keys, keys:add and keys:remove', async () => {
    const added = await paas.cli(['keys:add', keys.pub]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(keys.fingerprint);
    const list = JSON.parse((await paas.cli(['keys', '--json'])).stdout) as { fingerprint: string; comment: string }[];
    expect(list).toEqual([expect.objectContaining({ fingerprint: keys.fingerprint, comment: 'pusher@test' })]);
    const again = await paas.cli(['keys:add', keys.pub]);
    expect(again.stderr).toMatch(/^error \[KEY_EXISTS\]/);
    const priv = await paas.cli(['keys:add', keys.key]);
    expect(priv.stderr).toMatch(/^error \[INVALID_SSH_KEY\].*private key/);
    const junk = join(dir, 'junk.pub');
    writeFileSync(junk, 'ssh-ed25519 bm90IGEga2V5 x\n');
    expect((await paas.cli(['keys:add', junk])).stderr).toMatch(/^error \[INVALID_SSH_KEY\]/);
    expect((await paas.cli(['keys:remove', 'SHA256:nope'])).stderr).toMatch(/^error \[INVALID_INPUT\]/);
  });

  it('first push over SSH (ssh:// URL) deploys', async () => {
    const r = await pushOk([sshUrl(sshApp), 'main'], sshApp, viaSsh());
    expect(r.stderr).toMatch(/remote: -----> Deployed v1/);
    expect(await storedRef(gitdir(sshApp), 'refs/heads/main')).toBe(await head('main'));
  });

  it('fast-forward, force push and tag push over SSH with an scp-like remote', async () => {
    const remote = `git@127.0.0.1:${sshApp}.git`;
    await pushOk([remote, 'HEAD~1:refs/heads/feature'], sshApp, viaSsh());
    await pushOk([remote, 'HEAD:refs/heads/feature'], sshApp, viaSsh());
    expect(await storedRef(gitdir(sshApp), 'refs/heads/feature')).toBe(await head());
    await pushOk([`git@127.0.0.1:${sshApp}`, '+HEAD~1:refs/heads/feature'], sshApp, viaSsh());
    expect(await storedRef(gitdir(sshApp), 'refs/heads/feature')).toBe(await head('HEAD~1'));
    await pushOk([remote, 'refs/tags/v1'], sshApp, viaSsh());
    expect(await storedRef(gitdir(sshApp), 'refs/tags/v1')).toBe((await repo.git(['rev-parse', 'v1'])).stdout.trim());
  });

  it('refuses an unknown key, an unknown app, shells and other commands over SSH', async () => {
    const before = await storedRef(gitdir(sshApp), 'refs/heads/feature');
    const unknownKey = await repo.git(['push', sshUrl(sshApp), 'HEAD:refs/heads/feature'], viaSsh(stranger.key));
    expect(unknownKey.code).not.toBe(0);
    expect(unknownKey.stderr).toMatch(/Permission denied \(publickey\)/);
    const unknownApp = await repo.git(['push', sshUrl('no-such-app'), 'HEAD:refs/heads/x'], viaSsh());
    expect(unknownApp.code).not.toBe(0);
    expect(unknownApp.stderr).toMatch(/no-such-app\.git': no such app/);
    const ssh = ['ssh', '-p', String(paas.sshPort), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-i', keys.key, 'git@127.0.0.1'];
    for (const command of ['ls /', `git-upload-pack '${sshApp}.git'`, `git-receive-pack '../${sshApp}.git'`, `git-receive-pack '${sshApp}.git'; id`]) {
      const r = await runProgram([...ssh, command], { timeoutMs: 20_000 });
      expect(r.code, command).not.toBe(0);
      expect(r.stderr, command).toMatch(/only git push is served over SSH/);
    }
    const shell = await runProgram([...ssh.slice(0, -1), '-T', 'git@127.0.0.1'], { timeoutMs: 20_000 });
    expect(shell.code).not.toBe(0);
    expect(await storedRef(gitdir(sshApp), 'refs/heads/feature')).toBe(before);
  });

  it('serializes concurrent pushes to one app: the second waits with a message, then is refused as stale', async () => {
    const other = await fixtureRepo('dockerfile-app', paas.env);
    await other.git(['fetch', '-q', httpUrl(httpApp), 'main']);
    await other.git(['reset', '-q', '--hard', 'FETCH_HEAD']);
    other.write('www/index.html', 'from the other clone\n');
    await other.commit('other');
    repo.write('www/index.html', 'from the first clone\n');
    await repo.commit('first');
    const [a, b] = await Promise.all([repo.git(['push', httpUrl(httpApp), 'HEAD:main']), other.git(['push', '--force', httpUrl(httpApp), 'HEAD:main'])]);
    const outputs = [a, b].map((r) => r.stderr).join('\n');
    expect(outputs).toMatch(/another push to this app is in progress: waiting for it to finish/);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    expect(outputs).toMatch(/\[remote rejected\] HEAD -> main \(stale info: fetch first\)/);
    const winner = a.code === 0 ? repo : other;
    expect(await storedRef(gitdir(httpApp), 'refs/heads/main')).toBe((await winner.git(['rev-parse', 'HEAD'])).stdout.trim());
    expect((await fsck(gitdir(httpApp))).code).toBe(0);
  });

  it('keeps its SSH host key (mode 0600) across restarts', async () => {
    const file = join(paas.dataDir, 'ssh_host_ed25519_key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const scan = async () => (await runProgram(['ssh-keyscan', '-t', 'ed25519', '-p', String(paas.sshPort), '127.0.0.1'], { timeoutMs: 20_000 })).stdout.trim();
    const before = await scan();
    expect(before).toMatch(/ssh-ed25519 AAAA/);
    await paas.restart();
    expect(await scan()).toBe(before);
  });

  it('stops accepting a removed key', async () => {
    const removed = await paas.cli(['keys:remove', keys.fingerprint]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse((await paas.cli(['keys', '--json'])).stdout)).toEqual([]);
    const r = await repo.git(['push', sshUrl(sshApp), 'HEAD:refs/heads/after-removal'], viaSsh());
    expect(r.stderr).toMatch(/Permission denied \(publickey\)/);
    expect(await storedRef(gitdir(sshApp), 'refs/heads/after-removal')).toBeUndefined();
  });
});
