import { describe, expect, it } from 'vitest';
import { fingerprintOf, parsePublicKey, validateFingerprint } from '../../src/core/ssh-keys.js';
import { parseGitSshCommand } from '../../src/core/git/ssh-command.js';
import { parseServerConfig } from '../../src/config.js';

// Made with `ssh-keygen -t ed25519 -C alice@laptop`; the fingerprint is what `ssh-keygen -l -E sha256` printed.
const ALICE = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAID4U07R3dV0smXnNHsxGYRtGAiYTCLxxULsPHKygaX7F alice@laptop';
const ALICE_FP = 'SHA256:o7GVOWVdgfsLVBPJs/fqYzkro7CAbrLG2ScKmlyiJz0';

describe('SSH public keys', () => {
  it('parses an OpenSSH public key line and computes the fingerprint ssh-keygen shows', () => {
    const key = parsePublicKey(`${ALICE}\n`);
    expect(key).toMatchObject({ type: 'ssh-ed25519', comment: 'alice@laptop', fingerprint: ALICE_FP });
    expect(fingerprintOf(key.blob)).toBe(ALICE_FP);
    expect(validateFingerprint(ALICE_FP)).toBe(ALICE_FP);
  });

  it('accepts a key without a comment, and keeps comments printable', () => {
    expect(parsePublicKey(ALICE.split(' ').slice(0, 2).join(' ')).comment).toBe('');
    expect(parsePublicKey(`${ALICE}\x1b[31m red`).comment).toBe('alice@laptop[31m red');
  });

  it.each([
    ['a private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'],
    ['a DSA key', 'ssh-dss AAAAB3NzaC1kc3MAAACBAP x'],
    ['authorized_keys options', `command="sh" ${ALICE}`],
    ['a blob of another type', `ssh-rsa ${ALICE.split(' ')[1]}`],
    ['base64 that is not a key', 'ssh-ed25519 bm90IGEga2V5 x'],
    ['two keys', `${ALICE}\n${ALICE}`],
    ['nothing', '  \n# comment only\n'],
  ])('refuses %s', (_why, text) => {
    expect(() => parsePublicKey(text)).toThrow(expect.objectContaining({ code: 'INVALID_SSH_KEY' }));
  });

  it.each(['SHA256:short', 'MD5:aa:bb', `${ALICE_FP}/../x`, 42])('refuses the fingerprint %j', (fp) => {
    expect(() => validateFingerprint(fp)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('SSH commands', () => {
  it.each([
    ["git-receive-pack 'shop.git'", 'shop'],
    ["git-receive-pack '/shop.git'", 'shop'],
    ["git-receive-pack 'shop'", 'shop'],
    ["git-receive-pack '/my-app.git/'", 'my-app'],
  ])('accepts %s', (command, app) => {
    expect(parseGitSshCommand(command)).toEqual({ service: 'git-receive-pack', app });
  });

  it.each([
    '',
    'sh',
    "git-upload-pack 'shop.git'",
    "git-receive-pack '../shop.git'",
    "git-receive-pack 'shop.git'; rm -rf /",
    "git-receive-pack 'Shop.git'",
    "git-receive-pack 'a--b.git'",
    "git-receive-pack 'x/shop.git'",
    'git-receive-pack shop.git',
    "git-receive-pack 'shop.git'\n",
  ])('refuses %j', (command) => {
    expect(parseGitSshCommand(command)).toBeUndefined();
  });
});

describe('git server settings', () => {
  const who = { isRoot: false, home: '/home/u' };
  it('has defaults for the idle timeout and the consolidation schedule', () => {
    const c = parseServerConfig([], {}, who);
    expect(c.gitIdleTimeoutSec).toBe(300);
    expect(c.repackSchedule).toBe('17 * * * *');
    expect(c.sshListen).toEqual({ host: '0.0.0.0', port: 2222 });
  });
  it.each([[['--repack-schedule', 'every hour']], [['--repack-schedule', '99 * * * *']], [['--git-idle-timeout', '0']]])('refuses %j', (argv) => {
    expect(() => parseServerConfig(argv, {}, who)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
