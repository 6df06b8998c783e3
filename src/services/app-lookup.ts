import type { App } from '../core/model.js';
import { PaasError } from '../core/errors.js';
import { validateAppName } from '../core/names.js';
import type { Deps } from './deps.js';

export function requireApp(deps: Pick<Deps, 'store'>, name: string): App {
  const app = deps.store.apps.get(validateAppName(name));
  if (!app) throw new PaasError('APP_NOT_FOUND', `app ${name} not found`, { hint: 'see `paas apps`' });
  return app;
}

export function defaultDomain(deps: Pick<Deps, 'settings'>, app: string): string {
  return `${app}.${deps.settings.domain}`;
}
