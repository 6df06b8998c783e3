import { describe, expect, it } from 'vitest';
import { detectBuild, type RepoFacts } from '../../src/core/build/detect.js';
import { describePlan } from '../../src/core/build/describe.js';

const facts = (root: string[], files: RepoFacts['files'] = {}): RepoFacts => ({ root, files });
const pkg = (scripts: Record<string, string> = { start: 'node server.js' }) => JSON.stringify({ name: 'x', scripts });

describe('runtime detection', () => {
  it('prefers the repo\'s Dockerfile over everything else', () => {
    const p = detectBuild(facts(['Dockerfile', 'package.json', 'index.html'], { Dockerfile: 'FROM x', 'package.json': pkg() }));
    expect(p.plan).toEqual({ runtime: 'dockerfile' });
    expect(p.processes).toEqual({ web: '' });
  });

  it('detects Node: npm ci with a lockfile, npm run build when the script exists', () => {
    const p = detectBuild(facts(['package.json', 'package-lock.json', 'src/'], { 'package.json': pkg({ start: 'node .', build: 'tsc' }) }));
    expect(p.plan).toEqual({ runtime: 'node', manifests: ['package.json', 'package-lock.json'], install: 'ci', buildScript: true, npmStart: true });
    expect(describePlan(p)).toEqual(['Node app detected (npm ci, npm run build)', 'Process types: web']);
  });

  it('detects Node without a lockfile (npm install), started by server.js or the Procfile', () => {
    const p = detectBuild(facts(['package.json', 'server.js'], { 'package.json': '{}' }));
    expect(p.plan).toMatchObject({ runtime: 'node', manifests: ['package.json'], install: 'install', buildScript: false, npmStart: true });
    const q = detectBuild(facts(['package.json', 'Procfile'], { 'package.json': '{}', Procfile: 'web: node app.js\nworker: node w.js\nrelease: node migrate.js' }));
    expect(q.plan).toMatchObject({ npmStart: false });
    expect(q.processes).toEqual({ web: 'node app.js', worker: 'node w.js' });
    expect(q.releaseCommand).toBe('node migrate.js');
    expect(describePlan(q)[1]).toBe('Process types: web, worker; release phase');
  });

  it('refuses a Node app it cannot start, and a broken package.json, with a hint', () => {
    expect(() => detectBuild(facts(['package.json'], { 'package.json': '{}' }))).toThrow(expect.objectContaining({ code: 'BUILD_FAILED', hint: expect.stringMatching(/start/) }));
    expect(() => detectBuild(facts(['package.json'], { 'package.json': '{nope' }))).toThrow(/package.json is not valid JSON/);
    expect(() => detectBuild(facts(['package.json'], { 'package.json': '[]' }))).toThrow(/JSON object/);
  });

  it('detects Python WSGI from requirements.txt, with the app from app.json', () => {
    const p = detectBuild(facts(['requirements.txt', 'app.json', 'hello.py'], { 'requirements.txt': 'flask==3.0\n', 'app.json': '{"wsgi": "hello:app"}' }));
    expect(p.plan).toEqual({ runtime: 'python', manifest: 'requirements.txt', installDeps: true, wsgiApp: 'hello:app', ownGunicornConf: false });
  });

  it('detects Python from pyproject.toml; finds wsgi.py or app.py; skips installing an empty requirements.txt', () => {
    expect(detectBuild(facts(['pyproject.toml', 'wsgi.py', 'gunicorn.conf.py'])).plan).toEqual({
      runtime: 'python', manifest: 'pyproject.toml', installDeps: true, wsgiApp: 'wsgi', ownGunicornConf: true,
    });
    expect(detectBuild(facts(['requirements.txt', 'app.py'], { 'requirements.txt': '# nothing\n\n' })).plan).toMatchObject({ installDeps: false, wsgiApp: 'app:app' });
  });

  it('refuses a WSGI app name that is not module:attr (it would reach the Dockerfile)', () => {
    for (const bad of ['x"]\nRUN rm -rf /', 'a b', 'mod:app; sh', 1]) {
      const appJson = JSON.stringify({ wsgi: bad });
      expect(() => detectBuild(facts(['requirements.txt', 'app.json'], { 'requirements.txt': '', 'app.json': appJson }))).toThrow(
        expect.objectContaining({ code: 'APP_JSON_INVALID' }),
      );
    }
    expect(() => detectBuild(facts(['requirements.txt'], { 'requirements.txt': '' }))).toThrow(/no WSGI application/);
    expect(detectBuild(facts(['requirements.txt', 'Procfile'], { 'requirements.txt': '', Procfile: 'web: gunicorn x:y' })).plan).toMatchObject({ wsgiApp: undefined });
  });

  it('detects a static site at the root or in public/', () => {
    expect(detectBuild(facts(['index.html', 'style.css'])).plan).toEqual({ runtime: 'static', root: '.' });
    expect(detectBuild(facts(['public/', 'README.md'])).plan).toEqual({ runtime: 'static', root: 'public' });
  });

  it('fails clearly when nothing fits', () => {
    expect(() => detectBuild(facts(['README.md', 'public']))).toThrow(expect.objectContaining({ code: 'BUILD_UNDETECTED', hint: expect.stringMatching(/Dockerfile/) }));
  });

  it('reports Procfile errors before anything else', () => {
    expect(() => detectBuild(facts(['Dockerfile', 'Procfile'], { Procfile: 'oops' }))).toThrow(expect.objectContaining({ code: 'PROCFILE_INVALID' }));
  });
});
