#!/usr/bin/env node
// bench/deploy: push-to-live of a cached rebuild (a one-line change to a small express app, no Dockerfile) through
// paas, against the same change done by hand with the Docker CLI in the same run: `docker build` + `docker run` +
// polling until the first 200 with the new body. Prints both medians and the ratio; asserts nothing about time.
//
//   bench/deploy [ROUNDS]        (compiles first; needs dockerd, nginx, git and the base image)
//
// BENCH_NODE_IMAGE (default paas-test/node) and BENCH_CA_BUNDLE (default /etc/ssl/certs/ca-certificates.crt) choose the
// base image and the extra CA bundle; everything runs on 127.0.0.1.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 7);
const NODE_IMAGE = process.env.BENCH_NODE_IMAGE ?? 'paas-test/node';
const CA_FILE = process.env.BENCH_CA_BUNDLE ?? '/etc/ssl/certs/ca-certificates.crt';
const { generateBuild } = await import(join(ROOT, 'dist/core/build/dockerfile.js'));
const { detectBuild } = await import(join(ROOT, 'dist/core/build/detect.js'));
const { readTemplate } = await import(join(ROOT, 'dist/adapters/templates.js'));

function run(argv, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      if (opts.onLine) for (const l of String(d).split(/[\r\n]+/)) if (l.trim()) opts.onLine(l);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 || opts.allowFail ? resolve({ code, out, err }) : reject(new Error(`${argv.join(' ')} → ${code}\n${err}`))));
  });
}

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** One GET to 127.0.0.1:port with a Host header; the body, or undefined when nothing answers yet. */
function get(port, host) {
  // node:http, not fetch: fetch drops the Host header nginx routes by.
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', headers: { Host: host }, agent: false, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(res.statusCode === 200 ? body : undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** Milliseconds from `t0` until port answers 200 with `body` (polled every 5 ms, bounded; `failed()` stops early). */
async function untilServed(port, host, body, t0, failed = () => undefined) {
  const deadline = t0 + 120_000;
  while (performance.now() < deadline) {
    if (failed()) throw failed();
    if ((await get(port, host)) === body) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no 200 with ${JSON.stringify(body)} on ${port} within 120 s`);
}

/** Stages of a push, by the first line of each in paas's output. */
const STAGES = [
  ['build starts', /-----> Building /],
  ['image built', /Successfully tagged/],
  ['container starting', /-----> Starting web/],
  ['health check starts', /Waiting for web/],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const base = mkdtempSync(join(tmpdir(), 'paas-bench-'));
const app = `bench-${Math.random().toString(36).slice(2, 8)}`;
const [apiPort, httpPort, httpsPort, sshPort, directPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
const dataDir = join(base, 'data');
const url = `http://127.0.0.1:${apiPort}`;
const server = spawn(
  process.execPath,
  [join(ROOT, 'bin/paas'), 'server', '--data-dir', dataDir, '--listen', `127.0.0.1:${apiPort}`, '--http-port', String(httpPort),
    '--http-addr', '127.0.0.1', '--https-port', String(httpsPort), '--acme-webroot', join(base, 'acme-webroot'), '--ssh-listen', `127.0.0.1:${sshPort}`, '--domain', 'bench.test', '--port-range', '23000-23099',
    '--stop-timeout', '5', '--build-pull', 'never', '--node-image', NODE_IMAGE, '--build-ca-bundle', CA_FILE],
  { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PAAS_LOG_LEVEL: 'warn' } },
);
let serverOutput = '';
server.stdout.on('data', (d) => (serverOutput += d));
server.stderr.on('data', (d) => (serverOutput += d));
const baselineContainers = [];
const baselineImages = [];

try {
  for (let i = 0; !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)); i++) {
    if (i > 600 || server.exitCode !== null) throw new Error(`paas server did not start:\n${serverOutput}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const env = { ...process.env, PAAS_URL: url, PAAS_TOKEN: token, PAAS_CONFIG: join(base, 'cli.json'), GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  const paas = (...args) => run([process.execPath, join(ROOT, 'bin/paas'), ...args], { env, cwd: repoDir });

  // The paas side: a git repo of the app, pushed to the server.
  const repoDir = join(base, 'repo');
  cpSync(join(ROOT, 'bench/deploy-app'), repoDir, { recursive: true });
  const git = (...args) => run(['git', ...args], { cwd: repoDir, env });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'change 0');
  await paas('apps:create', app);
  await paas('git:remote', '-a', app);
  const host = `${app}.bench.test`;

  // The baseline side: the same app and the same Dockerfile paas generates, built from a plain directory.
  const ctxDir = join(base, 'baseline');
  cpSync(join(ROOT, 'bench/deploy-app'), ctxDir, { recursive: true });
  const files = { 'package.json': readFileSync(join(ctxDir, 'package.json'), 'utf8') };
  const plan = detectBuild({ root: ['package.json', 'package-lock.json', 'server.js', 'message.js'], files }).plan;
  const generated = generateBuild(plan, { app, images: { node: NODE_IMAGE, python: 'x', static: 'x' }, caBundle: readFileSync(CA_FILE, 'utf8'), buildArgs: [] }, readTemplate);
  for (const f of generated.files) {
    mkdirSync(dirname(join(ctxDir, f.path)), { recursive: true });
    writeFileSync(join(ctxDir, f.path), f.content);
  }

  const change = (dir, n) => writeFileSync(join(dir, 'message.js'), `exports.message = 'change ${n}';\n`);

  async function paasRound(n) {
    change(repoDir, n);
    await git('commit', '-q', '-am', `change ${n}`);
    const t0 = performance.now();
    let error;
    // When each stage's first line reached the pusher: where the time goes (BENCH_TRACE=1 prints every line).
    const seen = {};
    const onLine = (l) => {
      const at = performance.now() - t0;
      if (process.env.BENCH_TRACE) process.stderr.write(`${at.toFixed(0).padStart(6)} ${l}\n`);
      for (const [stage, re] of STAGES) if (seen[stage] === undefined && re.test(l)) seen[stage] = at;
    };
    const push = run(['git', 'push', 'paas', 'main'], { cwd: repoDir, env, onLine }).catch((e) => (error = e));
    const live = await untilServed(httpPort, host, `change ${n}\n`, t0, () => error);
    await push;
    return { live, push: performance.now() - t0, seen };
  }

  async function baselineRound(n) {
    change(ctxDir, n);
    const tag = `paas-bench-baseline/${app}:${n}`;
    const t0 = performance.now();
    await run(['docker', 'build', '-q', '--network', 'host', '-f', join(ctxDir, generated.dockerfile), '-t', tag, ctxDir]);
    const { out } = await run(['docker', 'run', '-d', '--init', '--network', 'host', '-e', `PORT=${directPort}`, tag]);
    const live = await untilServed(directPort, 'baseline', `change ${n}\n`, t0);
    baselineImages.push(tag);
    baselineContainers.push(out.trim());
    await run(['docker', 'rm', '-f', out.trim()]);
    return live;
  }

  // Warm-up, not measured: the cold build (npm ci from the registry) of each side.
  await paasRound(0);
  await baselineRound(0);
  const paasLive = [];
  const paasPush = [];
  const stages = [];
  const baseline = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const p = await paasRound(i);
    paasLive.push(p.live);
    paasPush.push(p.push);
    stages.push(p.seen);
    baseline.push(await baselineRound(i));
    process.stderr.write(`round ${i}: paas push-to-live ${p.live.toFixed(0)} ms (push done ${p.push.toFixed(0)} ms), docker by hand ${baseline.at(-1).toFixed(0)} ms\n`);
  }
  const fmt = (ms) => `${ms.toFixed(0)} ms`;
  console.log(`rounds: ${ROUNDS} (cached rebuild of a one-line change; node base ${NODE_IMAGE})`);
  console.log(`paas push-to-live (git push → first 200 with the new body through nginx), median: ${fmt(median(paasLive))}`);
  console.log(`paas git push until it returned, median: ${fmt(median(paasPush))}`);
  console.log(`  paas stages (median time from git push): ${STAGES.map(([s]) => `${s} ${fmt(median(stages.map((x) => x[s] ?? NaN)))}`).join(', ')}, live ${fmt(median(paasLive))}`);
  console.log(`docker build + docker run + first 200 by hand, median: ${fmt(median(baseline))}`);
  console.log(`ratio (paas push-to-live / by hand): ${(median(paasLive) / median(baseline)).toFixed(2)}x  (target <= 1.3x)`);
} finally {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  const nginxDir = join(dataDir, 'nginx');
  await run(['nginx', '-p', `${nginxDir}/`, '-c', join(nginxDir, 'nginx.conf'), '-e', join(nginxDir, 'logs/error.log'), '-s', 'quit'], { allowFail: true });
  const ids = (await run(['docker', 'ps', '-aq', '--filter', `label=paas.app=${app}`], { allowFail: true })).out.split('\n').filter(Boolean);
  if (ids.length) await run(['docker', 'rm', '-f', ...ids], { allowFail: true });
  const images = (await run(['docker', 'images', '-q', `paas/${app}`], { allowFail: true })).out.split('\n').filter(Boolean);
  if (images.length || baselineImages.length) await run(['docker', 'rmi', '-f', ...new Set(images), ...baselineImages], { allowFail: true });
  rmSync(base, { recursive: true, force: true });
}
