import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { dockerClient } from '../../src/adapters/docker/client.js';
import { dockerRuntime } from '../../src/adapters/docker/runtime.js';
import type { RuntimeEvent } from '../../src/ports.js';
import { containerLabels } from '../../src/core/labels.js';
import { appName, removeAppFromDocker } from '../helpers/paas-server.js';
import { runProgram } from '../helpers/run.js';

// The Docker adapter against the real engine: run, list by labels, logs, events across a crash, stop, remove.
describe('docker runtime adapter', () => {
  const runtime = dockerRuntime(dockerClient(), pino({ level: 'silent' }), 'test-runtime');
  const app = appName('rt');
  afterAll(() => removeAppFromDocker(app));

  const waitFor = async (events: RuntimeEvent[], pred: (e: RuntimeEvent) => boolean, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const hit = events.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`event not seen: ${JSON.stringify(events.map((e) => [e.action, e.exitCode]))}`);
  };

  it('runs a labelled container, reports a crash (kill -9 of its host PID) and Docker restarting it', async () => {
    const events: RuntimeEvent[] = [];
    const watcher = runtime.watch((e) => {
      if (e.labels['paas.app'] === app) events.push(e);
    });
    try {
      await new Promise((r) => setTimeout(r, 300)); // let the event stream connect
      const { id } = await runtime.run({
        name: `paas-${app}-web-1-blue`,
        image: 'paas-test/busybox',
        env: { GREETING: 'hello "quoted" $HOME\nnext line' },
        labels: containerLabels({ app, process: 'web', replica: 1, slot: 'blue', version: 1 }),
        cmd: ['/bin/sh', '-c', 'printf "%s\\n" "$GREETING"; exec sleep 1000'],
        restart: 'unless-stopped',
        stopTimeoutSec: 2,
      });
      await waitFor(events, (e) => e.action === 'start');
      const listed = await runtime.list({ app });
      expect(listed).toEqual([expect.objectContaining({ id, name: `paas-${app}-web-1-blue`, state: 'running' })]);
      expect(listed[0]!.labels['paas.release']).toBe('v1');

      let text = '';
      for (let tries = 0; text === '' && tries < 50; tries++) {
        if (tries) await new Promise((r) => setTimeout(r, 100)); // the log may trail the start event a little
        for await (const chunk of await runtime.logs(id, { follow: false, tail: 10 })) text += chunk;
      }
      expect(text).toBe('hello "quoted" $HOME\nnext line\n');

      const pid = (await runProgram(['docker', 'inspect', '--format', '{{.State.Pid}}', id])).stdout.trim();
      expect(Number(pid)).toBeGreaterThan(1);
      // The init process (tini) is the container's PID 1 on the host side; kill it as a crash would.
      await runProgram(['kill', '-9', pid]);
      const died = await waitFor(events, (e) => e.action === 'die');
      expect(died.exitCode).not.toBe(0);
      expect(died.labels['paas.process']).toBe('web');
      await waitFor(events, (e) => e.action === 'start' && e.at >= died.at);

      await runtime.stop(id, 2);
      expect((await runtime.list({ app }))[0]!.state).toBe('exited');
      await runtime.remove(id);
      await runtime.remove(id); // missing is not an error
      expect(await runtime.list({ app })).toEqual([]);
    } finally {
      watcher.close();
    }
  });
});
