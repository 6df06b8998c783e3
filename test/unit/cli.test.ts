import { describe, expect, it } from 'vitest';
import { findCommand, parseCommandArgs } from '../../src/cli/main.js';
import { appFromRemoteUrl } from '../../src/cli/app-resolution.js';
import { answerCredential, credentialHelperCommand } from '../../src/cli/git-credential-helper.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { nginxSignalArgv, nginxStartArgv, nginxTestArgv } from '../../src/adapters/nginx/argv.js';
import { table } from '../../src/cli/table.js';

describe('CLI parsing', () => {
  it('has one command per name', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  it('parses common and command options', () => {
    const { args, flags } = parseCommandArgs(findCommand('logs')!, ['-a', 'shop', '-f', '-n', '20']);
    expect(args).toEqual([]);
    expect(flags).toMatchObject({ app: 'shop', follow: true, num: '20' });
  });

  it('reports unknown options as usage errors', () => {
    expect(() => parseCommandArgs(findCommand('apps')!, ['--nope'])).toThrow(expect.objectContaining({ code: 'CLI_USAGE' }));
  });
});

describe('finding the app from the git remote', () => {
  it.each([
    ['http://127.0.0.1:7100/shop.git', 'shop'],
    ['https://paas.example.com/my-app.git', 'my-app'],
    ['ssh://git@host:2222/shop.git', 'shop'],
    ['git@host:shop', 'shop'],
    ['http://host/', undefined],
  ])('%s → %s', (url, app) => expect(appFromRemoteUrl(url)).toBe(app));
});

describe('git credential helper', () => {
  const creds = { url: 'http://127.0.0.1:7100', token: 'T0K' };
  it('answers for the server it is logged in to', () => {
    expect(answerCredential('protocol=http\nhost=127.0.0.1:7100\n', creds)).toBe('username=paas\npassword=T0K\n');
  });
  it('says nothing to other hosts', () => {
    expect(answerCredential('protocol=http\nhost=evil.example.com\n', creds)).toBeUndefined();
    expect(answerCredential('protocol=https\nhost=127.0.0.1:7100\n', creds)).toBeUndefined();
  });
  it('quotes paths for the shell git runs helpers through', () => {
    expect(credentialHelperCommand("/home/it's/.config/paas/git-credentials")).toBe(
      `!f() { test "$1" = get || exit 0; exec git credential-store --file '/home/it'\\''s/.config/paas/git-credentials' get; }; f`,
    );
  });
});

describe('nginx argv', () => {
  const p = { bin: 'nginx', prefix: '/d/nginx', conf: '/d/nginx/nginx.conf' };
  it('always names prefix, config and startup log', () => {
    expect(nginxStartArgv(p)).toEqual(['nginx', '-p', '/d/nginx/', '-c', '/d/nginx/nginx.conf', '-e', '/d/nginx/logs/error.log']);
    expect(nginxTestArgv(p, '/d/nginx/staging/nginx.conf')).toEqual(['nginx', '-p', '/d/nginx/', '-c', '/d/nginx/staging/nginx.conf', '-e', '/d/nginx/logs/error.log', '-t', '-q']);
    expect(nginxSignalArgv(p, 'reload').slice(-2)).toEqual(['-s', 'reload']);
  });
});

describe('tables', () => {
  it('aligns columns', () => {
    expect(table(['A', 'BB'], [['xyz', 1], ['q', undefined]])).toEqual(['A    BB', 'xyz  1', 'q']);
  });
});
