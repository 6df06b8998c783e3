import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { appName, ROOT, startPaas } from '../test/helpers/paas-server.js';
import { deployedFixture } from '../test/helpers/git-repo.js';
import { httpGet } from '../test/helpers/http.js';
import { freePort } from '../test/helpers/ports.js';
import { runProgram } from '../test/helpers/run.js';

const crashes = Number(process.env.BENCH_CRASHES ?? 10);
// Docker resets its restart backoff after 10 s up: crashes further apart than that are independent.
const SPACING_MS = 10_500;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Crashes the app through `get('/cgi-bin/crash')` and measures until `get('/')` answers 200 again. */
async function crashToServing(get: (path: string) => Promise<{ status: number }>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < crashes; i++) {
    await new Promise((r) => setTimeout(r, SPACING_MS));
    const t0 = Date.now();
    await get('/cgi-bin/crash');
    for (;;) {
      if ((await get('/')).status === 200) break;
      if (Date.now() - t0 > 60_000) throw new Error('not serving 60 s after a crash');
      await new Promise((r) => setTimeout(r, 20));
    }
    times.push(Date.now() - t0);
  }
  return times;
}

it(`recovery: crash-to-serving over ${crashes} crashes, and a restore of 5 apps`, async () => {
  // The crash loop limit is raised: these are independent crashes, not a loop.
  const paas = await startPaas({ extraArgs: ['--crash-loop', '1000/60'] });
  const baselineName = `paas-bench-baseline-${process.pid}`;
  const app = appName('bench-rec');
  try {
    await deployedFixture(paas, 'crashy-app', app);
    // Baseline: the same image, run by hand with Docker's restart policy, probed directly (no nginx, no paas).
    const image = `paas-bench/crashy:${process.pid}`;
    await runProgram(['docker', 'build', '-q', '-t', image, join(ROOT, 'test/fixtures/crashy-app')]);
    const port = await freePort();
    await runProgram(['docker', 'run', '-d', '--name', baselineName, '--init', '--network', 'host', '--restart', 'unless-stopped', '-e', `PORT=${port}`, image]);
    const direct = (path: string) => httpGet(port, '127.0.0.1', path, 2_000).catch(() => ({ status: 0 }));
    const viaPaas = (path: string) => httpGet(paas.httpPort, `${app}.${paas.domain}`, path, 2_000).catch(() => ({ status: 0 }));
    const [base, ours] = await Promise.all([crashToServing(direct), crashToServing(viaPaas)]);
    await runProgram(['docker', 'rm', '-f', baselineName]);
    await runProgram(['docker', 'rmi', image]);

    // Restore: 5 apps deployed by git push (the baseline), backed up, wiped, restored onto a fresh paas.
    const apps = Array.from({ length: 5 }, (_, i) => appName(`bench-r${i}`));
    const t1 = Date.now();
    for (const a of apps) await deployedFixture(paas, 'dockerfile-app', a);
    const deployMs = Date.now() - t1;
    const file = join(mkdtempSync(join(tmpdir(), 'paas-bench-')), 'backup.tar.gz');
    await paas.cli(['backup', file]);
    await paas.stop();
    const fresh = await startPaas();
    try {
      const t2 = Date.now();
      const r = await fresh.cli(['restore', file]);
      const restoreMs = Date.now() - t2;
      if (r.code !== 0) throw new Error(`restore failed: ${r.stdout}${r.stderr}`);

      console.log(`\ncrash → first 200 again, ${crashes} crashes ${SPACING_MS / 1000} s apart:`);
      console.log(`  docker restart policy, direct (baseline): median ${fmt(median(base))}, max ${fmt(Math.max(...base))}`);
      console.log(`  paas, through nginx:                      median ${fmt(median(ours))}, max ${fmt(Math.max(...ours))}`);
      console.log(`  ratio (median): ${(median(ours) / median(base)).toFixed(2)}×   target: median ≤ 2 s`);
      console.log(`restore of 5 apps (6 with the crash app): ${fmt(restoreMs)}; deploying the 5 by git push: ${fmt(deployMs)}; ratio ${(restoreMs / deployMs).toFixed(2)}×`);
    } finally {
      await fresh.stop();
    }
  } finally {
    await runProgram(['docker', 'rm', '-f', baselineName]);
    await paas.stop().catch(() => undefined);
  }
});
