import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appName, startPaas, type PaasServer } from '../helpers/paas-server.js';
import { fixtureRepo, type TestRepo } from '../helpers/git-repo.js';
import { runProgram } from '../helpers/run.js';
import { fsck, gitPack, packFiles, parseReport, postReceivePack, pushBody, quarantineEntries, storedRef, ZERO, type Report } from '../helpers/git-wire.js';

const CAP = 2 * 1024 * 1024;

// Hostile and broken pushes against a real paas server: each is answered with an error, publishes no ref, leaves no
// quarantine behind, and the server keeps serving. The server runs with a 2 MiB pack cap and a 2 s idle timeout.
// Pack consolidation is tested on a server of its own: git fsck, like any git reader, fails when a pack it has
// listed is removed under it, so no consolidation may run beside these fsck checks.
const NEVER = '0 0 1 1 *';
describe('git receiver hardening', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('harden');
  const gitdir = () => join(paas.dataDir, 'repos', `${app}.git`);
  const url = () => `${paas.url.replace('http://', `http://paas:${paas.token}@`)}/${app}.git`;
  const rev = async (r: string) => (await repo.git(['rev-parse', r])).stdout.trim();
  const post = async (body: Buffer, headers?: Record<string, string>): Promise<Report & { status: number }> => {
    const res = await postReceivePack(paas.url, app, paas.token, body, headers);
    return { status: res.status, ...parseReport(res.body) };
  };
  /** A new commit on top of `base` (not pushed), and a real pack of what it adds. */
  const newCommit = async (file: string, content: string) => {
    repo.write(file, content);
    await repo.commit(`change ${file}`);
    return { tip: await rev('HEAD'), pack: await gitPack(repo.dir, ['HEAD', '^refs/remotes/paas/base']) };
  };
  const withTrailer = (pack: Buffer) => Buffer.concat([pack.subarray(0, -20), createHash('sha1').update(pack.subarray(0, -20)).digest()]);
  const expectNoQuarantine = async () => {
    const deadline = Date.now() + 5_000;
    while (quarantineEntries(gitdir()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(quarantineEntries(gitdir())).toEqual([]);
  };
  const expectAlive = async () => expect((await fetch(`${paas.url}/healthz`)).status).toBe(200);

  beforeAll(async () => {
    paas = await startPaas({ extraArgs: ['--max-pack-size', String(CAP), '--git-idle-timeout', '2', '--repack-schedule', NEVER] });
    repo = await fixtureRepo('dockerfile-app', paas.env);
    expect((await paas.cli(['apps:create', app])).code).toBe(0);
    await repo.git(['remote', 'add', 'paas', url()]);
    repo.write('words.txt', Array.from({ length: 2000 }, (_, i) => `line ${i} of a file that deltas well\n`).join(''));
    await repo.commit('base');
    const r = await repo.git(['push', 'paas', 'HEAD:refs/heads/base']);
    expect(r.code, r.stderr).toBe(0);
    await repo.git(['fetch', '-q', 'paas']);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it("accepts a body larger than git's post buffer: the 0000 probe, then a chunked upload", async () => {
    repo.write('big.bin', randomBytes(1536 * 1024).toString('base64').slice(0, 1536 * 1024));
    await repo.commit('big file');
    const r = await repo.git(['push', 'paas', 'HEAD:refs/heads/big'], { GIT_TRACE_CURL: '1', GIT_TRACE_CURL_NO_DATA: '1' });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stderr.match(/POST \/[^ ]+\/git-receive-pack/g)?.length).toBeGreaterThanOrEqual(2);
    expect(r.stderr).toMatch(/Signaling end of chunked upload/);
    // The probe was read to its end: the chunked POST goes over the same kept-alive connection.
    const beforeChunked = r.stderr.slice(0, r.stderr.search(/Send header: Transfer-Encoding: chunked/i));
    expect(beforeChunked.match(/Info: (Re-using existing connection|Connected to)[^\n]*/g)?.pop()).toMatch(/Re-using existing connection/);
    expect(r.stderr).not.toMatch(/Send failure|Connection reset|Broken pipe/);
    expect(await storedRef(gitdir(), 'refs/heads/big')).toBe(await rev('HEAD'));
    expect((await fsck(gitdir())).code).toBe(0);
  });

  it('refuses a push over the pack size cap with a clear message', async () => {
    repo.write('huge.bin', randomBytes(3 * 1024 * 1024).toString('latin1'));
    await repo.commit('too big');
    const r = await repo.git(['push', 'paas', 'HEAD:refs/heads/huge']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/push is larger than the limit of 2\.0 MiB/);
    expect(await storedRef(gitdir(), 'refs/heads/huge')).toBeUndefined();
    await expectNoQuarantine();
    await repo.git(['reset', '-q', '--hard', 'HEAD~1']);
  });

  it('inflates gzip request bodies, and refuses encodings it does not know', async () => {
    const { tip, pack } = await newCommit('gz.txt', 'compressed on the wire\n');
    const body = pushBody([{ old: ZERO, new: tip, ref: 'refs/heads/gz' }], pack);
    expect((await post(body, { 'Content-Encoding': 'br' })).status).toBe(415);
    const r = await post(gzipSync(body), { 'Content-Encoding': 'gzip' });
    expect(r.unpack).toBe('ok');
    expect(r.refs['refs/heads/gz']).toBe('ok');
    expect(await storedRef(gitdir(), 'refs/heads/gz')).toBe(tip);
    expect((await fsck(gitdir())).code).toBe(0);
  });

  it('refuses a thin pack (a delta against an object the pack does not hold)', async () => {
    repo.write('words.txt', Array.from({ length: 2000 }, (_, i) => `line ${i} of a file that deltas ${i === 1000 ? 'badly' : 'well'}\n`).join(''));
    await repo.commit('one line changed');
    const tip = await rev('HEAD');
    const thin = await gitPack(repo.dir, ['HEAD', '^refs/remotes/paas/base'], { thin: true });
    const r = await post(pushBody([{ old: ZERO, new: tip, ref: 'refs/heads/thin' }], thin));
    expect(r.unpack).toMatch(/thin pack: the delta at offset \d+ needs object [0-9a-f]{40}, which the pack does not hold/);
    expect(r.refs['refs/heads/thin']).toBe('unpacker error');
    expect(await storedRef(gitdir(), 'refs/heads/thin')).toBeUndefined();
  });

  it('refuses packs whose header lies about the object count, or whose trailer is wrong', async () => {
    const { tip, pack } = await newCommit('count.txt', 'count me\n');
    const count = pack.readUInt32BE(8);
    for (const lie of [count + 1, count - 1]) {
      const forged = Buffer.from(pack);
      forged.writeUInt32BE(lie, 8);
      const r = await post(pushBody([{ old: ZERO, new: tip, ref: 'refs/heads/lie' }], withTrailer(forged)));
      expect(r.unpack, String(lie)).toMatch(lie > count ? /announces \d+ objects but the pack holds only \d+/ : /bytes of junk after the \d+ objects/);
    }
    const bad = Buffer.from(pack);
    bad[bad.length - 1] ^= 0xff;
    expect((await post(pushBody([{ old: ZERO, new: tip, ref: 'refs/heads/lie' }], bad))).unpack).toMatch(/checksum mismatch/);
    expect(await storedRef(gitdir(), 'refs/heads/lie')).toBeUndefined();
  });

  it('refuses a pack that points to objects the repository does not have (connectivity)', async () => {
    await newCommit('parent.txt', 'never pushed\n');
    const parent = await rev('HEAD');
    repo.write('child.txt', 'child\n');
    await repo.commit('child');
    const tip = await rev('HEAD');
    const pack = await gitPack(repo.dir, ['HEAD', `^${parent}`]);
    const r = await post(pushBody([{ old: ZERO, new: tip, ref: 'refs/heads/orphan' }], pack));
    expect(r.unpack).toMatch(/the pack needs \d+ object\(s\) this repository does not have, e\.g\. [0-9a-f]{40}/);
    expect(r.refs['refs/heads/orphan']).toBe('missing necessary objects');
    expect(await storedRef(gitdir(), 'refs/heads/orphan')).toBeUndefined();
  });

  it('answers malformed command sections with ERR', async () => {
    for (const body of ['zzzz', '0003', '0001abcd', `0030${'x'.repeat(44)}0000`, `00a0${ZERO} ${ZERO} refs/heads/x\n`]) {
      const r = await post(Buffer.from(body, 'latin1'));
      expect(r.status, body).toBe(200);
      expect(r.err, body).toBeDefined();
    }
    await expectAlive();
  });

  it('survives a bounded fuzz loop: random bytes, truncations, bit flips, bad lengths', async () => {
    const { tip, pack } = await newCommit('fuzz.txt', Array.from({ length: 300 }, (_, i) => `fuzz ${i}\n`).join(''));
    const valid = pushBody([{ old: ZERO, new: tip, ref: 'refs/heads/fuzz' }], pack);
    const packStart = valid.length - pack.length;
    const cases: ((i: number) => Buffer)[] = [
      () => randomBytes(Math.floor(Math.random() * 4096)),
      () => valid.subarray(0, Math.floor(Math.random() * valid.length)),
      (i) => {
        const b = Buffer.from(valid);
        const at = packStart + 12 + Math.floor(Math.random() * (pack.length - 32));
        b[at] ^= 1 << (i % 8);
        return i % 2 ? b : Buffer.concat([b.subarray(0, packStart), withTrailer(b.subarray(packStart))]);
      },
      () => Buffer.concat([Buffer.from(Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')), valid.subarray(4)]),
      () => Buffer.concat([valid.subarray(0, packStart), Buffer.from('PACK\0\0\0\x02'), randomBytes(200)]),
    ];
    const deadline = Date.now() + 20_000;
    let runs = 0;
    for (let i = 0; i < 100 && Date.now() < deadline; i++, runs++) {
      const r = await post(cases[i % cases.length]!(i));
      expect(r.status).toBeLessThan(500);
      expect(r.refs['refs/heads/fuzz'] === 'ok', `case ${i % cases.length}`).toBe(false);
      if (i % 10 === 0) await expectAlive();
    }
    expect(runs).toBeGreaterThanOrEqual(25);
    expect(await storedRef(gitdir(), 'refs/heads/fuzz')).toBeUndefined();
    await expectAlive();
    await expectNoQuarantine();
    const ok = await post(valid);
    expect(ok.refs['refs/heads/fuzz']).toBe('ok');
    const check = await fsck(gitdir());
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('cuts off a client that stops sending, and clears its quarantine', async () => {
    const { tip, pack } = await newCommit('stall.txt', 'stalled\n');
    const body = pushBody([{ old: ZERO, new: tip, ref: 'refs/heads/stall' }], pack);
    for (const sent of [body.subarray(0, 10), body.subarray(0, body.length - pack.length + 40)]) {
      const started = Date.now();
      const answer = await stalledPost(paas.url, `/${app}.git/git-receive-pack`, paas.token, sent, 15_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(answer).toMatch(/sent nothing for 2 s/);
    }
    expect(await storedRef(gitdir(), 'refs/heads/stall')).toBeUndefined();
    await expectNoQuarantine();
    await expectAlive();
  });
});

describe('git pack consolidation', () => {
  let paas: PaasServer;
  let repo: TestRepo;
  const app = appName('repack');
  const gitdir = () => join(paas.dataDir, 'repos', `${app}.git`);
  const onePack = async () => {
    const deadline = Date.now() + 15_000;
    while (packFiles(gitdir()).length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(packFiles(gitdir())).toHaveLength(1);
  };
  const fsckClean = async () => {
    const check = await fsck(gitdir());
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stderr + check.stdout).not.toMatch(/error|warning|missing|broken/i);
  };

  beforeAll(async () => {
    paas = await startPaas({ extraArgs: ['--repack-schedule', '*/2 * * * * *'] });
    repo = await fixtureRepo('dockerfile-app', paas.env);
    expect((await paas.cli(['apps:create', app])).code).toBe(0);
    await repo.git(['remote', 'add', 'paas', `${paas.url.replace('http://', `http://paas:${paas.token}@`)}/${app}.git`]);
  });
  afterAll(async () => {
    await paas?.stop();
  });

  it('merges the packs of several pushes into one on its schedule, and fsck stays clean', async () => {
    for (const n of [1, 2, 3, 4]) {
      repo.write(`more${n}.txt`, `more ${n}\n`.repeat(200 * n));
      await repo.commit(`more ${n}`);
      const r = await repo.git(['push', 'paas', `HEAD:refs/heads/more${n}`]);
      expect(r.code, r.stderr).toBe(0);
    }
    const refs = (await runProgram(['git', '--git-dir', gitdir(), 'for-each-ref'])).stdout;
    const objects = (await runProgram(['git', '--git-dir', gitdir(), 'cat-file', '--batch-all-objects', '--batch-check'])).stdout;
    expect(objects.split('\n').length).toBeGreaterThan(10);
    await onePack();
    // With one pack left, the next runs have nothing to merge: fsck reads a repository that stays still.
    await fsckClean();
    const verify = await runProgram(['git', 'verify-pack', join(gitdir(), 'objects', 'pack', packFiles(gitdir())[0]!)]);
    expect(verify.code, verify.stderr).toBe(0);
    expect((await runProgram(['git', '--git-dir', gitdir(), 'for-each-ref'])).stdout).toBe(refs);
    expect((await runProgram(['git', '--git-dir', gitdir(), 'cat-file', '--batch-all-objects', '--batch-check'])).stdout).toBe(objects);
    // Still a working remote: a push on top, merged in turn.
    repo.write('after.txt', 'after consolidation\n');
    await repo.commit('after');
    expect((await repo.git(['push', 'paas', 'HEAD:refs/heads/more4'])).code).toBe(0);
    await onePack();
    await fsckClean();
    expect(await storedRef(gitdir(), 'refs/heads/more4')).toBe((await repo.git(['rev-parse', 'HEAD'])).stdout.trim());
  });
});

/** Sends the headers and `sent` of a chunked POST, then nothing; resolves with whatever the server answers. */
function stalledPost(baseUrl: string, path: string, token: string, sent: Buffer, limitMs: number): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${limitMs} ms: ${answer}`));
    }, limitMs);
    socket.on('data', (d) => (answer += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', () => undefined);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Basic ${Buffer.from(`paas:${token}`).toString('base64')}\r\n` +
        `Content-Type: application/x-git-receive-pack-request\r\nTransfer-Encoding: chunked\r\n\r\n${sent.length.toString(16)}\r\n`,
    );
    socket.write(sent);
    socket.write('\r\n');
  });
}
