import { it } from 'vitest';
import { appName, startPaas } from '../test/helpers/paas-server.js';
import { deployedFixture } from '../test/helpers/git-repo.js';
import { percentile, startLoad, summarize, type Sample } from '../test/helpers/load.js';
import { ensureNodeBareImage } from '../test/helpers/node-image.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

it(`zero downtime: ${connections} keep-alive connections for ${seconds} s, 5 pushes and a rollback`, async () => {
  await ensureNodeBareImage();
  const paas = await startPaas();
  const app = appName('bench');
  try {
    const repo = await deployedFixture(paas, 'node-app', app);

    const t0 = Date.now();
    const load = startLoad({ port: paas.httpPort, host: `${app}.${paas.domain}`, connections, maxRequests: 50_000_000, deadlineMs: seconds * 1000, postEvery: 5 });
    const windows: [number, number][] = [];
    const timed = async (what: () => Promise<{ code: number; stderr: string }>) => {
      const start = Date.now();
      const r = await what();
      windows.push([start, Date.now()]);
      if (r.code !== 0) console.log(`switch failed: ${r.stderr.slice(-500)}`);
    };
    await new Promise((r) => setTimeout(r, 3_000));
    for (let v = 2; v <= 6; v++) {
      repo.write('body.txt', `node v${v}\n`);
      await repo.commit(`v${v}`);
      await timed(() => repo.git(['push', 'paas', 'main']));
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await timed(() => paas.cli(['rollback', '-a', app]));
    const samples = await load.done;
    const elapsed = (Date.now() - t0) / 1000;

    const inside = (s: Sample) => windows.some(([a, b]) => s.at >= a && s.at <= b);
    const during = samples.filter(inside).map((s) => s.ms);
    const outside = samples.filter((s) => !inside(s)).map((s) => s.ms);
    const sum = summarize(samples);
    const p = (xs: number[], q: number) => percentile(xs, q).toFixed(2);
    const lines = [
      `zero-downtime: ${connections} keep-alive connections, ${elapsed.toFixed(1)} s, ${windows.length} switches (5 pushes + 1 rollback)`,
      `  requests     ${sum.total} (${(sum.total / elapsed).toFixed(0)}/s), POST ${sum.posts}`,
      `  non-2xx      ${sum.non2xx}`,
      `  errors       ${sum.errors}${sum.examples.length ? `  e.g. ${sum.examples.join(' | ')}` : ''}`,
      `  switches     ${windows.map(([a, b]) => ((b - a) / 1000).toFixed(1)).join(' s, ')} s`,
      `  p50 ms       during switches ${p(during, 50)}  outside ${p(outside, 50)}`,
      `  p99 ms       during switches ${p(during, 99)}  outside ${p(outside, 99)}  ratio ${(percentile(during, 99) / percentile(outside, 99)).toFixed(2)}`,
      `  max ms       during switches ${p(during, 100)}  outside ${p(outside, 100)}`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await paas.stop();
  }
});
