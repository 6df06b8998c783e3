import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitCredentialsFile, saveGitCredential } from '../../src/cli/credentials.js';
import { credentialHelperCommand } from '../../src/cli/git-credential-helper.js';
import { runProgram } from '../helpers/run.js';
import { scratchDir } from '../helpers/scratch.js';

// The helper line git:remote writes, run by the real git: what a push asks, and what a failed push may not erase.
describe('git credentials file', () => {
  const setup = () => {
    const dir = scratchDir('paas-gitcred-');
    const env = { PAAS_CONFIG: join(dir, 'cfg', 'config.json') };
    return { dir, env, file: gitCredentialsFile(env) };
  };
  const credential = (dir: string, helper: string, action: 'fill' | 'reject', input: string) =>
    runProgram(['git', '-c', `credential.helper=${helper}`, 'credential', action], {
      cwd: dir,
      input,
      env: { PATH: process.env.PATH, HOME: dir, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1' },
    });

  it('keeps one private line per server, the latest token replacing the old one', () => {
    const { env, file } = setup();
    saveGitCredential(env, { url: 'http://127.0.0.1:7100', token: 'old' });
    saveGitCredential(env, { url: 'https://paas.example.com', token: 'other' });
    saveGitCredential(env, { url: 'http://127.0.0.1:7100', token: 'new' });
    expect(readFileSync(file, 'utf8')).toBe('https://paas:other@paas.example.com\nhttp://paas:new@127.0.0.1:7100\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('answers git with the token of the asked server only, and a failed push erases nothing', async () => {
    const { dir, env, file } = setup();
    const token = "paas_a/b+c%d'e";
    saveGitCredential(env, { url: 'http://127.0.0.1:7100', token });
    const helper = credentialHelperCommand(file);
    const hit = await credential(dir, helper, 'fill', 'protocol=http\nhost=127.0.0.1:7100\n\n');
    expect(hit.code, hit.stderr).toBe(0);
    expect(hit.stdout).toContain(`username=paas\npassword=${token}\n`);
    const miss = await credential(dir, helper, 'fill', 'protocol=http\nhost=127.0.0.1:7101\n\n');
    expect(miss.stdout).not.toContain(token);
    const before = readFileSync(file, 'utf8');
    await credential(dir, helper, 'reject', `protocol=http\nhost=127.0.0.1:7100\nusername=paas\npassword=${token}\n\n`);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
