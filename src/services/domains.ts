import { PaasError, errorMessage } from '../core/errors.js';
import { checkResolvesHere, validateCustomDomain } from '../core/domains.js';
import type { Deps } from './deps.js';
import { defaultDomain, requireApp } from './app-lookup.js';
import { appRoute } from './routes.js';
import type { CertsService } from './certs.js';

export interface DomainRow {
  domain: string;
  /** `default` is APP.DOMAIN, always present; `custom` ones come from `domains:add`. */
  kind: 'default' | 'custom';
}

/** Custom domains: validated, unique across apps, checked in DNS, and live in nginx before they are reported added. */
export function domainsService(deps: Deps, certs: Pick<CertsService, 'domainsChanged'>) {
  const checkDns = async (domain: string) => {
    let resolved: string[];
    try {
      resolved = await deps.resolver.resolve(domain);
    } catch (e) {
      throw new PaasError('DNS_CHECK_FAILED', `could not resolve ${domain}: ${errorMessage(e)}`, { hint: 'retry, or pass --no-dns-check' });
    }
    checkResolvesHere(domain, resolved, deps.resolver.ownAddresses());
  };

  const list = (app: string): DomainRow[] => {
    requireApp(deps, app);
    return appRoute(deps, app).domains.map((domain, i) => ({ domain, kind: i === 0 ? 'default' : 'custom' }));
  };

  return {
    list,

    /** Refuses bad, reserved or taken names before anything is written; nginx rejects → nothing changes. */
    async add(app: string, domain: unknown, opts: { dnsCheck: boolean }): Promise<DomainRow[]> {
      requireApp(deps, app);
      const d = validateCustomDomain(domain, deps.settings.domain);
      const owner = deps.store.domains.get(d)?.app;
      if (owner) throw new PaasError('DOMAIN_TAKEN', owner === app ? `${d} is already a domain of ${app}` : `${d} is already a domain of app ${owner}`);
      if (opts.dnsCheck) await checkDns(d);
      await deps.appLocks.run(app, async () => {
        deps.store.domains.add(app, d);
        try {
          await deps.router.applyApp(appRoute(deps, app));
        } catch (e) {
          deps.store.domains.remove(d);
          throw e;
        }
      });
      deps.log.info({ app, domain: d }, 'domain added');
      certs.domainsChanged(app);
      return list(app);
    },

    async remove(app: string, domain: string): Promise<DomainRow[]> {
      requireApp(deps, app);
      if (domain === defaultDomain(deps, app)) {
        throw new PaasError('INVALID_INPUT', `${domain} is the default domain of ${app}: it cannot be removed`);
      }
      if (deps.store.domains.get(domain)?.app !== app) throw new PaasError('DOMAIN_NOT_FOUND', `${String(domain).slice(0, 260)} is not a domain of ${app}`, { hint: `see \`paas domains -a ${app}\`` });
      await deps.appLocks.run(app, async () => {
        deps.store.domains.remove(domain);
        try {
          await deps.router.applyApp(appRoute(deps, app));
        } catch (e) {
          deps.store.domains.add(app, domain);
          throw e;
        }
      });
      deps.log.info({ app, domain }, 'domain removed');
      return list(app);
    },
  };
}

export type DomainsService = ReturnType<typeof domainsService>;
