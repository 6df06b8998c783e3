import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateBuild, type GenerateOptions } from '../../src/core/build/dockerfile.js';
import type { RuntimePlan } from '../../src/core/build/detect.js';
import { readTemplate } from '../../src/adapters/templates.js';

const golden = (name: string, actual: string) => {
  const file = fileURLToPath(new URL(`./golden/dockerfile/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
};

const images = { node: 'node:24-slim', python: 'python:3.13-slim', static: 'busybox:stable' };
const opts: GenerateOptions = { app: 'shop', images, buildArgs: [] };
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const dockerfileOf = (plan: RuntimePlan, o: GenerateOptions = opts) => {
  const g = generateBuild(plan, o, readTemplate);
  expect(g.dockerfile).toBe('.paas-build/Dockerfile');
  return g.files.find((f) => f.path === g.dockerfile)!.content;
};
const node: RuntimePlan = { runtime: 'node', manifests: ['package.json', 'package-lock.json'], install: 'ci', buildScript: false, npmStart: true };
const python: RuntimePlan = { runtime: 'python', manifest: 'requirements.txt', installDeps: true, wsgiApp: 'hello:app', ownGunicornConf: false };

describe('Dockerfile templates (golden)', () => {
  it('node: npm ci without dev dependencies, npm start', () => golden('node.Dockerfile', dockerfileOf(node)));

  it('node: npm install, npm run build then prune, CA bundle and build args, no npm start', () => {
    const plan: RuntimePlan = { runtime: 'node', manifests: ['package.json'], install: 'install', buildScript: true, npmStart: false };
    golden('node-build.Dockerfile', dockerfileOf(plan, { app: 'shop', images, caBundle: PEM, buildArgs: ['API_URL', 'NODE_OPTIONS'] }));
  });

  it('python: requirements.txt, gunicorn with paas defaults', () => golden('python.Dockerfile', dockerfileOf(python)));

  it('python: pyproject.toml, own gunicorn.conf.py, Procfile web (no CMD), CA bundle', () => {
    const plan: RuntimePlan = { runtime: 'python', manifest: 'pyproject.toml', installDeps: true, ownGunicornConf: true };
    golden('python-pyproject.Dockerfile', dockerfileOf(plan, { app: 'shop', images, caBundle: PEM, buildArgs: [] }));
  });

  it('static: the root, and public/', () => {
    golden('static.Dockerfile', dockerfileOf({ runtime: 'static', root: '.' }));
    golden('static-public.Dockerfile', dockerfileOf({ runtime: 'static', root: 'public' }));
  });
});

describe('generated build contexts', () => {
  it('adds the helper files each template copies, all under .paas-build/', () => {
    const paths = (plan: RuntimePlan, o = opts) => generateBuild(plan, o, readTemplate).files.map((f) => f.path);
    expect(paths(node)).toEqual(['.paas-build/Dockerfile']);
    expect(paths(node, { ...opts, caBundle: PEM })).toEqual(['.paas-build/Dockerfile', '.paas-build/build-ca.pem']);
    expect(paths(python)).toEqual(['.paas-build/Dockerfile', '.paas-build/gunicorn.conf.py']);
    expect(paths({ ...python, manifest: 'pyproject.toml' })).toContain('.paas-build/pyproject-deps.py');
    expect(paths({ runtime: 'static', root: 'public' }, { ...opts, caBundle: PEM })).toEqual(['.paas-build/Dockerfile', '.paas-build/httpd.conf']);
    // Every COPY source a template names exists in the context.
    for (const plan of [node, python, { ...python, manifest: 'pyproject.toml' } as RuntimePlan, { runtime: 'static', root: '.' } as RuntimePlan]) {
      const g = generateBuild(plan, { ...opts, caBundle: PEM }, readTemplate);
      const text = g.files[0]!.content;
      for (const [source] of text.matchAll(/\.paas-build\/[a-z][a-z.-]*/g)) expect(g.files.map((f) => f.path)).toContain(source);
    }
  });

  it('uses the base image settings, and builds a repo\'s Dockerfile as it is', () => {
    const g = generateBuild(node, { ...opts, images: { ...images, node: 'registry.local:5000/base/node:22' } }, readTemplate);
    expect(g.baseImage).toBe('registry.local:5000/base/node:22');
    expect(g.files[0]!.content).toContain('FROM registry.local:5000/base/node:22\n');
    expect(generateBuild({ runtime: 'dockerfile' }, opts, readTemplate)).toEqual({ dockerfile: 'Dockerfile', files: [] });
  });

  it('lets nothing unvalidated into the file', () => {
    expect(() => generateBuild(node, { ...opts, images: { ...images, node: 'node:20\nRUN curl evil' } }, readTemplate)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => generateBuild(node, { ...opts, buildArgs: ['X=1\nRUN x'] }, readTemplate)).toThrow(expect.objectContaining({ code: 'INVALID_ENV_KEY' }));
    expect(() => generateBuild(node, { ...opts, app: 'x"\nRUN y' }, readTemplate)).toThrow(expect.objectContaining({ code: 'INVALID_APP_NAME' }));
    const weird = generateBuild({ ...python, wsgiApp: 'pkg.mod:create_app()' }, opts, readTemplate).files[0]!.content;
    expect(weird).toContain('CMD ["gunicorn","pkg.mod:create_app()"]');
  });
});
