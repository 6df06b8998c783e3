import type { Deploy, DeployStatus, ReleaseStatus } from './model.js';

/** Steps recorded after the switch (services/converge.ts): the new release already owned the traffic. */
const AFTER_SWITCH = new Set(['draining', 'stopping-old', 'done']);

export interface RecoveryDecision {
  deploy: Exclude<DeployStatus, 'running'>;
  /** What becomes of the release the deploy was making, when it had one. */
  release?: ReleaseStatus;
  note: string;
}

/**
 * What to do with a deploy that was running when paas stopped, from its last recorded step. Before the switch was
 * recorded (`live:`), the previous release still owns the traffic: undo. After it, only the old containers' removal
 * may be missing: finish (the reconcile removes them).
 */
export function recoverDeploy(deploy: Deploy): RecoveryDecision {
  if (deploy.step.startsWith('live:') || AFTER_SWITCH.has(deploy.step)) {
    return { deploy: 'succeeded', release: 'active', note: 'finished after a restart of paas (old containers are cleaned up by the reconcile)' };
  }
  return {
    deploy: 'failed',
    release: deploy.version === undefined ? undefined : 'failed',
    note: `interrupted by a restart of paas during "${deploy.step}"; the previous release kept serving`,
  };
}
