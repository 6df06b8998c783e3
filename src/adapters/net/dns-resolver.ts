import { Resolver } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import type { NameResolver } from '../../ports.js';

export interface DnsResolverOptions {
  /** DNS servers (`IP` or `IP:PORT`) to ask instead of the system's. */
  servers?: string[];
  /** The server's public addresses; default: every address of the host's interfaces. */
  publicIps?: string[];
  timeoutMs?: number;
}

/** Resolves A and AAAA records with node's resolver (c-ares), bounded in time and tries. */
export function dnsResolver(opts: DnsResolverOptions = {}): NameResolver {
  const resolver = new Resolver({ timeout: opts.timeoutMs ?? 3000, tries: 2 });
  if (opts.servers?.length) resolver.setServers(opts.servers);
  const lookup = async (fn: () => Promise<string[]>): Promise<string[]> => {
    try {
      return await fn();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENODATA' || code === 'ENOTFOUND') return [];
      throw e;
    }
  };
  return {
    async resolve(domain) {
      const [v4, v6] = await Promise.all([lookup(() => resolver.resolve4(domain)), lookup(() => resolver.resolve6(domain))]);
      return [...v4, ...v6];
    },
    ownAddresses() {
      if (opts.publicIps?.length) return [...opts.publicIps];
      return Object.values(networkInterfaces())
        .flat()
        .filter((i) => i !== undefined)
        .map((i) => i.address);
    },
  };
}
