import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, type RunResult } from './run.js';

/** Helpers that speak git's wire format by hand (for malformed and hostile pushes) and check stored repositories. */

export const ZERO = '0'.repeat(40);

/** A fresh ed25519 key pair made by ssh-keygen: `key` (private) and `key.pub`. */
export async function sshKeygen(dir: string, name: string): Promise<{ key: string; pub: string; fingerprint: string }> {
  const key = join(dir, name);
  const made = await runProgram(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `${name}@test`, '-f', key]);
  if (made.code !== 0) throw new Error(`ssh-keygen failed: ${made.stderr}`);
  const fp = await runProgram(['ssh-keygen', '-l', '-E', 'sha256', '-f', `${key}.pub`]);
  return { key, pub: `${key}.pub`, fingerprint: fp.stdout.split(' ')[1]! };
}

/** Environment for git over SSH with a given key: no agent, no prompt, no known_hosts. */
export function sshGitEnv(key: string, port: number): NodeJS.ProcessEnv {
  return {
    GIT_SSH_COMMAND: `ssh -p ${port} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR -i ${key}`,
  };
}

/** `git fsck --strict` on a stored repository; code 0 and nothing but notices when clean. */
export async function fsck(gitdir: string): Promise<RunResult> {
  return runProgram(['git', '--git-dir', gitdir, 'fsck', '--strict', '--full', '--no-dangling']);
}

export async function storedRef(gitdir: string, ref: string): Promise<string | undefined> {
  const r = await runProgram(['git', '--git-dir', gitdir, 'rev-parse', '--verify', '-q', ref]);
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export function packFiles(gitdir: string): string[] {
  return readdirSync(join(gitdir, 'objects', 'pack')).filter((f) => f.endsWith('.pack'));
}

export function quarantineEntries(gitdir: string): string[] {
  try {
    return readdirSync(join(gitdir, 'objects', 'incoming'));
  } catch {
    return [];
  }
}

/** A program's stdout as bytes (git pack-objects). */
export function runBinary(argv: string[], opts: { cwd?: string; input?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: opts.cwd, stdio: 'pipe' });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${argv.join(' ')}: ${code} ${err}`))));
    child.stdin.end(opts.input ?? '');
  });
}

/** A pack made by real git from rev-list arguments (e.g. ['main', '^main~1']). */
export function gitPack(repoDir: string, revs: string[], opts: { thin?: boolean } = {}): Promise<Buffer> {
  const argv = ['git', 'pack-objects', '--stdout', '--revs', '-q', '--delta-base-offset', ...(opts.thin ? ['--thin'] : [])];
  return runBinary(argv, { cwd: repoDir, input: `${revs.join('\n')}\n` });
}

export function pkt(line: string): Buffer {
  return Buffer.from((line.length + 4).toString(16).padStart(4, '0') + line, 'latin1');
}

/** A receive-pack request body: commands (capabilities on the first), a flush, then the pack. */
export function pushBody(updates: { old: string; new: string; ref: string }[], pack: Buffer | undefined, caps = 'report-status side-band-64k'): Buffer {
  const lines = updates.map((u, i) => pkt(`${u.old} ${u.new} ${u.ref}${i === 0 ? `\0${caps}` : ''}\n`));
  return Buffer.concat([...lines, Buffer.from('0000'), pack ?? Buffer.alloc(0)]);
}

/** POSTs a receive-pack body to paas's smart HTTP endpoint with the token. */
export async function postReceivePack(baseUrl: string, app: string, token: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(`${baseUrl}/${app}.git/git-receive-pack`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`paas:${token}`).toString('base64')}`, 'Content-Type': 'application/x-git-receive-pack-request', ...headers },
    body,
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

export interface Report {
  unpack?: string;
  refs: Record<string, string>;
  progress: string;
  /** An `ERR` line, if the server answered with one. */
  err?: string;
}

/** Decodes a receive-pack answer: side-band channels, then report-status lines. */
export function parseReport(body: Buffer): Report {
  const report: Report = { refs: {}, progress: '' };
  const status: Buffer[] = [];
  const lines = (buf: Buffer, each: (payload: Buffer) => void) => {
    let at = 0;
    while (at + 4 <= buf.length) {
      const len = parseInt(buf.toString('latin1', at, at + 4), 16);
      if (!Number.isFinite(len) || len === 0) {
        at += 4;
        continue;
      }
      each(buf.subarray(at + 4, at + len));
      at += len;
    }
  };
  lines(body, (p) => {
    if (p.toString('latin1').startsWith('ERR ')) report.err = p.toString('utf8', 4).trim();
    else if (p[0] === 1) status.push(p.subarray(1));
    else if (p[0] === 2 || p[0] === 3) report.progress += p.toString('utf8', 1);
    else status.push(Buffer.concat([pkt(p.toString('latin1'))])); // no side-band: the line itself
  });
  lines(Buffer.concat(status), (p) => {
    const text = p.toString('utf8').replace(/\n$/, '');
    if (text.startsWith('unpack ')) report.unpack = text.slice(7);
    else if (text.startsWith('ok ')) report.refs[text.slice(3)] = 'ok';
    else if (text.startsWith('ng ')) {
      const [ref, ...why] = text.slice(3).split(' ');
      report.refs[ref!] = why.join(' ');
    }
  });
  return report;
}
