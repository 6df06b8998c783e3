import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import type { Logger } from 'pino';
import { errorMessage, isPaasError } from '../../core/errors.js';
import { parseGitSshCommand } from '../../core/git/ssh-command.js';
import type { ReceivePack } from './receive.js';

const { Server, utils } = ssh2;

export interface GitSshOptions {
  host: string;
  port: number;
  /** The server's private host key (OpenSSH format). */
  hostKey: string;
  /** The registered key whose blob is exactly `blob`, or undefined: public keys are the only way in. */
  authorize(blob: Buffer): { type: string; blob: Buffer } | undefined;
  receive: ReceivePack;
  log: Logger;
  /** A connection that has not authenticated after this long is closed (default 30 s). */
  authTimeoutMs?: number;
}

export interface GitSshServer {
  port: number;
  close(): Promise<void>;
}

/**
 * git over SSH with ssh2: public-key authentication, then exactly one `git-receive-pack` for an existing app per
 * session. No shell, no pty, no forwarding, no other command (ssh2 refuses requests nobody listens for).
 */
export async function startGitSshServer(opts: GitSshOptions): Promise<GitSshServer> {
  const clients = new Set<ssh2.Connection>();
  const server = new Server({ hostKeys: [opts.hostKey], ident: 'paas' }, (client, info) => {
    const log = opts.log.child({ ssh: `${info.ip}:${info.port}` });
    clients.add(client);
    const authTimer = setTimeout(() => client.end(), opts.authTimeoutMs ?? 30_000);
    client.on('error', (e) => log.debug({ err: errorMessage(e) }, 'ssh connection error'));
    client.on('close', () => {
      clearTimeout(authTimer);
      clients.delete(client);
    });
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const key = opts.authorize(ctx.key.data);
      if (!key) return ctx.reject(['publickey']);
      // Without a signature the client only asks whether this key would be accepted.
      if (!ctx.signature) return ctx.accept();
      const parsed = utils.parseKey(`${key.type} ${key.blob.toString('base64')}`);
      if (parsed instanceof Error || (Array.isArray(parsed) ? undefined : parsed)?.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) !== true) {
        return ctx.reject(['publickey']);
      }
      ctx.accept();
    });
    client.on('ready', () => {
      clearTimeout(authTimer);
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.once('exec', (accept, _reject, request) => {
          const channel = accept();
          channel.on('error', (e: Error) => log.debug({ err: errorMessage(e) }, 'ssh channel error'));
          serveExec(opts, request.command, channel, log).catch((e) => log.error({ err: errorMessage(e) }, 'ssh exec failed'));
        });
      });
    });
  });
  server.maxConnections = 64;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of clients) c.end();
      }),
  };
}

type Channel = ssh2.ServerChannel;

async function serveExec(opts: GitSshOptions, command: string, channel: Channel, log: Logger): Promise<void> {
  const finish = (code: number, message?: string) => {
    if (message) channel.stderr.write(`${message}\n`);
    channel.exit(code);
    channel.end();
  };
  const cmd = parseGitSshCommand(command);
  if (!cmd) {
    log.warn({ command: command.slice(0, 200) }, 'ssh command refused');
    return finish(1, "paas: only git push is served over SSH (git-receive-pack 'APP.git')");
  }
  let advertisement: Buffer;
  try {
    advertisement = await opts.receive.advertise(cmd.app, false);
  } catch (e) {
    if (isPaasError(e) && e.code === 'APP_NOT_FOUND') return finish(128, `fatal: '${cmd.app}.git': no such app (see \`paas apps\`)`);
    throw e;
  }
  channel.write(advertisement);
  try {
    // Iterating a stream destroys it at its end by default, which would cut the channel before the report.
    await opts.receive.handle(cmd.app, channel.iterator({ destroyOnReturn: false }), (chunk) => channel.write(chunk));
    finish(0);
  } catch (e) {
    log.error({ app: cmd.app, err: errorMessage(e) }, 'ssh push failed');
    finish(1, `fatal: ${errorMessage(e)}`);
  }
}
