import type { BuildPlan } from './detect.js';

/** What the pusher sees about detection, Dokku style (`-----> Node app detected`). */
export function describePlan(p: BuildPlan): string[] {
  const plan = p.plan;
  const lines: string[] = [];
  switch (plan.runtime) {
    case 'dockerfile':
      lines.push('Building with the repository\'s Dockerfile');
      break;
    case 'node':
      lines.push(`Node app detected (npm ${plan.install}${plan.buildScript ? ', npm run build' : ''})`);
      break;
    case 'python':
      lines.push(`Python WSGI app detected (${plan.manifest}; gunicorn${plan.wsgiApp ? ` ${plan.wsgiApp}` : ''})`);
      break;
    case 'static':
      lines.push(`Static site detected (${plan.root === '.' ? 'index.html' : 'public/'})`);
      break;
  }
  lines.push(`Process types: ${Object.keys(p.processes).join(', ')}${p.releaseCommand ? '; release phase' : ''}`);
  return lines;
}
