import type { PlannedContainer } from './deploy-plan.js';
import { LABEL } from './labels.js';

/** What the supervisor sees of a container: its labels and state, nothing host-specific. */
export interface ObservedContainer {
  id: string;
  name: string;
  image: string;
  state: string;
  labels: Record<string, string>;
}

export type ReconcileAction =
  | { kind: 'start'; planned: PlannedContainer; reason: string }
  | { kind: 'replace'; id: string; planned: PlannedContainer; reason: string }
  | { kind: 'remove'; id: string; name: string; reason: string };

export interface ReconcileInput {
  desired: PlannedContainer[];
  observed: ObservedContainer[];
  /** Apps with an operation in progress (a deploy starts containers the store does not know yet): left alone. */
  busyApps: Set<string>;
  /** Container names marked crashed: not restarted until `ps:restart`. */
  crashed: Set<string>;
}

const UP = new Set(['running', 'restarting']);

/**
 * (desired, observed) → actions. Missing containers start; stopped ones restart unless marked crashed; ones of
 * another release or image are replaced; containers nobody wants (orphans, old slots, deleted apps) are removed.
 */
export function reconcile(input: ReconcileInput): ReconcileAction[] {
  const actions: ReconcileAction[] = [];
  const byName = new Map(input.observed.map((o) => [o.name, o]));
  const wanted = new Set(input.desired.map((d) => d.name));
  for (const d of input.desired) {
    const app = d.labels[LABEL.app]!;
    if (input.busyApps.has(app)) continue;
    const o = byName.get(d.name);
    if (!o) {
      if (!input.crashed.has(d.name)) actions.push({ kind: 'start', planned: d, reason: 'missing' });
    } else if (o.labels[LABEL.release] !== d.labels[LABEL.release] || o.image !== d.image) {
      actions.push({ kind: 'replace', id: o.id, planned: d, reason: `runs ${o.labels[LABEL.release] ?? o.image}, wants ${d.labels[LABEL.release]}` });
    } else if (!UP.has(o.state) && !input.crashed.has(d.name)) {
      actions.push({ kind: 'replace', id: o.id, planned: d, reason: `${o.state}` });
    }
  }
  for (const o of input.observed) {
    const app = o.labels[LABEL.app] ?? '';
    if (wanted.has(o.name) || input.busyApps.has(app)) continue;
    actions.push({ kind: 'remove', id: o.id, name: o.name, reason: 'not wanted by any release' });
  }
  return actions;
}
