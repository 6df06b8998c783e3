import type { UserOutput } from '../ports.js';
import type { RefUpdate } from '../core/git/receive-request.js';
import { branchOf, ZERO_OID } from '../core/git/refs.js';
import type { DeployService } from './deploy.js';

/** Branches whose push deploys, Heroku's words. */
export const DEPLOY_BRANCHES = ['main', 'master'];

/**
 * What a push does before its refs move: a push to main/master deploys and is rejected if the deploy fails; other
 * refs are stored without deploying; deleting a deploy branch is refused.
 */
export function pushHook(deploy: DeployService) {
  return {
    async beforeUpdate(app: string, updates: RefUpdate[], out: UserOutput): Promise<Map<string, string>> {
      const rejected = new Map<string, string>();
      for (const u of updates) {
        const branch = branchOf(u.ref);
        const deploys = branch !== undefined && DEPLOY_BRANCHES.includes(branch);
        if (!deploys) {
          out.info(`${u.ref} stored; only a push to main or master deploys`);
          continue;
        }
        if (u.newOid === ZERO_OID) {
          rejected.set(u.ref, 'deleting the deploy branch is not allowed');
          continue;
        }
        try {
          await deploy.deployCommit(app, u.newOid, out);
        } catch {
          // deployCommit has told the pusher why.
          rejected.set(u.ref, 'deploy failed');
        }
      }
      return rejected;
    },
  };
}
