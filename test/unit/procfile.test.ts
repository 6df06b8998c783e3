import { describe, expect, it } from 'vitest';
import { parseProcfile, releaseProcesses } from '../../src/core/build/procfile.js';

describe('Procfile parsing', () => {
  it('reads types and commands, skipping comments and blank lines, keeping the command as written', () => {
    const text = '# processes\nweb: node server.js --port $PORT\n\r\nworker:   node worker.js\r\nrelease: npm run migrate && echo "done: ok"\n';
    expect(parseProcfile(text)).toEqual({
      web: 'node server.js --port $PORT',
      worker: 'node worker.js',
      release: 'npm run migrate && echo "done: ok"',
    });
  });

  it('accepts Heroku-style names with digits, dashes and underscores', () => {
    expect(parseProcfile('urgent_worker-2: ./run')).toEqual({ 'urgent_worker-2': './run' });
  });

  it.each([
    ['web node server.js', /line 1: expected "type: command"/],
    ['web:', /line 1: web has no command/],
    ['web: a\nweb: b', /line 2: web is defined twice/],
    ['Web: x', /process type "Web"/],
    ['a.b: x', /process type "a.b"/],
    ['../x: y', /process type/],
    ['web: a\0b', /NUL/],
  ])('refuses %j', (text, message) => {
    expect(() => parseProcfile(text)).toThrow(expect.objectContaining({ code: 'PROCFILE_INVALID', message: expect.stringMatching(message) }));
  });

  it('refuses more than 30 process types and files over 64 KiB', () => {
    const many = Array.from({ length: 31 }, (_, i) => `p${i}: run`).join('\n');
    expect(() => parseProcfile(many)).toThrow(/more than 30/);
    expect(() => parseProcfile(`web: ${'x'.repeat(70_000)}`)).toThrow(/64 KiB/);
  });
});

describe('release processes', () => {
  it('always has web (the image command when the Procfile has none) and never release', () => {
    expect(releaseProcesses({})).toEqual({ processes: { web: '' }, releaseCommand: undefined });
    expect(releaseProcesses({ worker: 'w', release: 'migrate' })).toEqual({ processes: { web: '', worker: 'w' }, releaseCommand: 'migrate' });
    expect(releaseProcesses({ web: 'node s.js', worker: 'w' }).processes).toEqual({ web: 'node s.js', worker: 'w' });
  });
});
