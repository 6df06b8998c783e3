import { PaasError } from '../errors.js';
import { parseProcfile, releaseProcesses } from './procfile.js';
import { parsePackageJson, parseAppJson, hasRequirements } from './manifests.js';

/** What detection reads of a commit: the names at the root of its tree and a few small files. */
export interface RepoFacts {
  /** Root entries: files by name, directories with a trailing `/`. */
  root: string[];
  /** Contents of the FACT_FILES that exist. */
  files: Partial<Record<FactFile, string>>;
}

export const FACT_FILES = ['Dockerfile', '.dockerignore', 'Procfile', 'app.json', 'package.json', 'requirements.txt'] as const;
export type FactFile = (typeof FACT_FILES)[number];

export type RuntimePlan =
  | { runtime: 'dockerfile' }
  | {
      runtime: 'node';
      /** Copied (and installed) before the source, so that a code-only change reuses the install layer. */
      manifests: string[];
      install: 'ci' | 'install';
      buildScript: boolean;
      /** Whether `npm start` can start the app (a start script or a server.js). */
      npmStart: boolean;
    }
  | {
      runtime: 'python';
      manifest: 'requirements.txt' | 'pyproject.toml';
      /** False when requirements.txt lists nothing (no install layer, and no pip needed). */
      installDeps: boolean;
      /** `module:attr` for gunicorn; undefined when the Procfile's web line starts the app. */
      wsgiApp?: string;
      /** The repo's own gunicorn.conf.py wins over paas's defaults. */
      ownGunicornConf: boolean;
    }
  | { runtime: 'static'; root: '.' | 'public' };

export type Runtime = RuntimePlan['runtime'];

export interface BuildPlan {
  plan: RuntimePlan;
  /** Process type → command ('' = the image's command); `web` always, `release` never. */
  processes: Record<string, string>;
  /** The Procfile's `release:` command, run once per release before traffic moves. */
  releaseCommand?: string;
}

/**
 * Chooses how to build a commit, in order: its Dockerfile; Node (package.json); Python WSGI (requirements.txt or
 * pyproject.toml); a static site (index.html or public/). Throws BUILD_UNDETECTED when none fits.
 */
export function detectBuild(facts: RepoFacts): BuildPlan {
  const has = (name: string) => facts.root.includes(name);
  const procfile = facts.files.Procfile === undefined ? {} : parseProcfile(facts.files.Procfile);
  const { processes, releaseCommand } = releaseProcesses(procfile);
  const web = procfile.web;
  const done = (plan: RuntimePlan): BuildPlan => ({ plan, processes, releaseCommand });

  if (has('Dockerfile')) return done({ runtime: 'dockerfile' });

  if (has('package.json')) {
    const pkg = parsePackageJson(facts.files['package.json'] ?? '');
    const npmStart = pkg.scripts.start !== undefined || has('server.js');
    if (!npmStart && !web) {
      throw new PaasError('BUILD_FAILED', 'Node app: no way to start it', {
        hint: 'add a "start" script to package.json, a server.js, or a Procfile line `web: node app.js`',
      });
    }
    const lockfile = ['npm-shrinkwrap.json', 'package-lock.json'].find(has);
    return done({
      runtime: 'node',
      manifests: lockfile ? ['package.json', lockfile] : ['package.json'],
      install: lockfile ? 'ci' : 'install',
      buildScript: pkg.scripts.build !== undefined,
      npmStart,
    });
  }

  if (has('requirements.txt') || has('pyproject.toml')) {
    const manifest = has('requirements.txt') ? 'requirements.txt' : 'pyproject.toml';
    const wsgiApp = parseAppJson(facts.files['app.json']).wsgi ?? (has('wsgi.py') ? 'wsgi' : has('app.py') ? 'app:app' : undefined);
    if (!wsgiApp && !web) {
      throw new PaasError('BUILD_FAILED', 'Python app: no WSGI application to serve', {
        hint: 'add "wsgi": "module:app" to app.json, a wsgi.py or app.py, or a Procfile line `web: gunicorn module:app`',
      });
    }
    return done({
      runtime: 'python',
      manifest,
      installDeps: manifest === 'pyproject.toml' || hasRequirements(facts.files['requirements.txt'] ?? ''),
      wsgiApp,
      ownGunicornConf: has('gunicorn.conf.py'),
    });
  }

  if (has('index.html')) return done({ runtime: 'static', root: '.' });
  if (has('public/')) return done({ runtime: 'static', root: 'public' });

  throw new PaasError('BUILD_UNDETECTED', 'cannot tell how to build this app', {
    hint: 'add a Dockerfile, or a package.json (Node), requirements.txt or pyproject.toml (Python), index.html or public/ (static)',
  });
}
