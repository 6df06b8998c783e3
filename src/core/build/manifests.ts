import { PaasError } from '../errors.js';

/** The parts of package.json the builder uses. */
export interface PackageJson {
  scripts: Record<string, string>;
}

const MAX_MANIFEST = 1024 * 1024;

export function parsePackageJson(text: string): PackageJson {
  const json = parseJsonObject('package.json', text);
  const scripts = json.scripts;
  if (scripts === undefined) return { scripts: {} };
  if (!isObject(scripts)) throw new PaasError('BUILD_FAILED', 'package.json: "scripts" must be an object');
  return { scripts: Object.fromEntries(Object.entries(scripts).filter(([, v]) => typeof v === 'string')) as Record<string, string> };
}

/** `module.sub:attr` or `module:factory()`: what gunicorn takes, and nothing a shell or Dockerfile would interpret. */
const WSGI_APP = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(:[A-Za-z_][A-Za-z0-9_]*(\(\))?)?$/;

/** The builder's part of app.json: `wsgi`, the WSGI application gunicorn serves for a Python app. */
export function parseAppJson(text: string | undefined): { wsgi?: string } {
  if (text === undefined) return {};
  const json = parseJsonObject('app.json', text);
  if (json.wsgi === undefined) return {};
  if (typeof json.wsgi !== 'string' || !WSGI_APP.test(json.wsgi) || json.wsgi.length > 200) {
    throw new PaasError('APP_JSON_INVALID', `app.json: "wsgi" must look like "module:app", got ${JSON.stringify(json.wsgi).slice(0, 80)}`);
  }
  return { wsgi: json.wsgi };
}

/** Whether a requirements.txt names anything to install (not only comments and blank lines). */
export function hasRequirements(text: string): boolean {
  return text.split(/\r?\n/).some((l) => l.replace(/#.*/, '').trim() !== '');
}

function parseJsonObject(name: string, text: string): Record<string, unknown> {
  if (text.length > MAX_MANIFEST) throw new PaasError('BUILD_FAILED', `${name} is larger than 1 MiB`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new PaasError(name === 'app.json' ? 'APP_JSON_INVALID' : 'BUILD_FAILED', `${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(value)) throw new PaasError(name === 'app.json' ? 'APP_JSON_INVALID' : 'BUILD_FAILED', `${name} must hold a JSON object`);
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
