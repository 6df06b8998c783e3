import type { Token } from '../core/model.js';
import { hashToken, newToken } from '../core/tokens.js';
import type { Deps } from './deps.js';

/** API tokens, stored only as hashes. */
export function tokensService(deps: Pick<Deps, 'store'>) {
  return {
    /** Creates the admin token when the store has none; returns it (the only time it exists in clear). */
    ensureAdmin(): string | undefined {
      if (deps.store.tokens.count() > 0) return undefined;
      const token = newToken();
      deps.store.tokens.add('admin', hashToken(token));
      return token;
    },
    verify(token: string): Token | undefined {
      if (!token || token.length > 200) return undefined;
      return deps.store.tokens.findByHash(hashToken(token));
    },
  };
}

export type TokensService = ReturnType<typeof tokensService>;
