import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { runProgram } from './run.js';

const answers = async () => (await runProgram(['docker', 'version', '--format', '{{.Server.Version}}'], { timeoutMs: 5_000 })).code === 0;

/**
 * Restarts the Docker engine the way an operator or a reboot would: systemd's unit when it runs dockerd, else the
 * running dockerd is stopped with SIGTERM and started again with its own command line. Resolves once it answers.
 */
export async function restartDockerd(): Promise<void> {
  if (existsSync('/run/systemd/system') && (await runProgram(['systemctl', 'is-active', '--quiet', 'docker'])).code === 0) {
    await runProgram(['systemctl', 'restart', 'docker']);
  } else {
    const pid = Number((await runProgram(['pidof', 'dockerd'])).stdout.trim().split(' ')[0]);
    if (!pid) throw new Error('no dockerd process to restart');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    process.kill(pid, 'SIGTERM');
    const gone = Date.now() + 60_000;
    while (existsSync(`/proc/${pid}`) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
    const log = openSync('/var/log/paas-dockerd.log', 'a');
    spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['ignore', log, log] }).unref();
  }
  const deadline = Date.now() + 60_000;
  while (!(await answers())) {
    if (Date.now() > deadline) throw new Error('dockerd did not come back within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}
