import { renderTemplate } from '../template.js';
import { validateAppName, validateEnvKey } from '../names.js';
import type { RuntimePlan } from './detect.js';
import { validateImageRef } from './settings.js';

/** Where paas puts the files it adds to a build context (a generated Dockerfile, config for the server). */
export const BUILD_DIR = '.paas-build';

export interface ContextFile {
  path: string;
  content: string;
}

export interface GeneratedBuild {
  /** The Dockerfile's path in the build context. */
  dockerfile: string;
  /** Files added to the context, all under BUILD_DIR. */
  files: ContextFile[];
  /** The image a template builds FROM (a repo's own Dockerfile names its own). */
  baseImage?: string;
}

export interface GenerateOptions {
  /** The app: its name labels the image (`paas.app`), inside the cached layers. */
  app: string;
  images: { node: string; python: string; static: string };
  /** PEM text of the extra CA bundle build steps trust. */
  caBundle?: string;
  /** Names of build args (values travel as build args, never in the file). */
  buildArgs: string[];
}

/** Reads a template by its path under templates/ (a port: core never touches the file system). */
export type TemplateReader = (path: string) => string;

/**
 * The Dockerfile and helper files of a detected runtime, rendered from templates/dockerfile/. Every value that
 * reaches a file is a constant of paas or validated here; commands are JSON-array (exec form). The templates put
 * everything that does not depend on the source (CMD, ENV, the app's label) before `COPY . .`, so that a code-only
 * change rebuilds as few steps as possible.
 */
export function generateBuild(plan: RuntimePlan, opts: GenerateOptions, template: TemplateReader): GeneratedBuild {
  if (plan.runtime === 'dockerfile') return { dockerfile: 'Dockerfile', files: [] };
  const baseImage = validateImageRef(opts.images[plan.runtime], `${plan.runtime} base image`);
  const common = {
    app: validateAppName(opts.app),
    baseImage,
    caBundle: opts.caBundle !== undefined && plan.runtime !== 'static',
    buildArgs: plan.runtime === 'static' ? [] : opts.buildArgs.map((name) => ({ name: validateEnvKey(name) })),
  };
  const files: ContextFile[] = [];
  const add = (name: string, content: string) => files.push({ path: `${BUILD_DIR}/${name}`, content });
  let view: object;
  if (plan.runtime === 'node') {
    // NODE_ENV=production (set earlier in the template) would leave out the devDependencies a build script needs.
    const flags = `${plan.buildScript ? ' --include=dev' : ' --omit=dev'} --no-audit --no-fund`;
    view = {
      ...common,
      manifests: JSON.stringify([...plan.manifests, './']),
      install: plan.install === 'ci' ? `npm ci${flags}` : `npm install${flags}`,
      buildScript: plan.buildScript,
      npmStart: plan.npmStart,
    };
  } else if (plan.runtime === 'python') {
    view = {
      ...common,
      requirements: plan.manifest === 'requirements.txt' && plan.installDeps,
      pyproject: plan.manifest === 'pyproject.toml',
      ownGunicornConf: plan.ownGunicornConf,
      cmd: plan.wsgiApp && JSON.stringify(['gunicorn', plan.wsgiApp]),
    };
    add('gunicorn.conf.py', template('dockerfile/gunicorn.conf.py'));
    if (plan.manifest === 'pyproject.toml') add('pyproject-deps.py', template('dockerfile/pyproject-deps.py'));
  } else {
    view = { ...common, source: JSON.stringify([plan.root === '.' ? '.' : 'public', '/srv/www/']), fromRoot: plan.root === '.' };
    add('httpd.conf', template('dockerfile/static-httpd.conf'));
  }
  if (common.caBundle) add('build-ca.pem', opts.caBundle!);
  const dockerfile = `${BUILD_DIR}/Dockerfile`;
  files.unshift({ path: dockerfile, content: renderTemplate(template(`dockerfile/${plan.runtime}.Dockerfile`), view) });
  return { dockerfile, files, baseImage };
}
