import fs from 'node:fs';
import git from 'isomorphic-git';
import type { Logger } from 'pino';
import type { UserOutput } from '../../ports.js';
import { errorMessage, PaasError } from '../../core/errors.js';
import { KeyedMutex } from '../../core/mutex.js';
import { readUntilFlush, sideBand, pktLine } from '../../core/git/pktline.js';
import { advertiseReceivePack } from '../../core/git/advertise.js';
import { expectsPack, parseReceiveCommands, type ReceiveRequest, type RefUpdate } from '../../core/git/receive-request.js';
import { reportStatus, wrapReport, type RefResult } from '../../core/git/report-status.js';
import type { ObjectType } from '../../core/git/pack-format.js';
import { formatError, formatInfo, formatStep } from '../../core/user-output.js';
import { ByteSource } from './byte-source.js';
import { discardPack, formatBytes, publishPack, quarantinePack, type QuarantinedPack } from './pack-intake.js';
import { ObjectPresence } from './object-presence.js';
import { applyUpdates, checkUpdate } from './ref-updates.js';
import { readRefs, type RepoPaths } from './repos.js';

export interface ReceiveHooks {
  /**
   * Runs after the pack is stored and before any ref moves (a deploy). Returns a rejection reason for each ref that
   * must not be updated.
   */
  beforeUpdate(app: string, updates: RefUpdate[], out: UserOutput): Promise<Map<string, string>>;
}

export interface ReceiveOptions {
  maxPackBytes: number;
  /** The largest single object, inflated; defaults to maxPackBytes. */
  maxObjectBytes?: number;
  /** A client that sends nothing for this long is cut off (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Empty side-band packets while waiting or deploying, for proxies that cut silent responses (default 10 s). */
  keepaliveMs?: number;
  /** Per-app locks, shared with repository maintenance. */
  locks?: KeyedMutex;
  log: Logger;
}

const MAX_COMMAND_BYTES = 1 << 20;
/** How long a refused push may keep sending before the answer goes out regardless. */
const DRAIN_MS = 30_000;
const KEEPALIVE = Buffer.from('0005\x01', 'latin1');

interface Outcome {
  unpackError?: string;
  results: RefResult[];
}

/** git-receive-pack, independent of the transport (smart HTTP or SSH). */
export class ReceivePack {
  private readonly locks: KeyedMutex;

  constructor(
    private readonly paths: RepoPaths,
    private readonly hooks: ReceiveHooks,
    private readonly opts: ReceiveOptions,
  ) {
    this.locks = opts.locks ?? new KeyedMutex();
  }

  async advertise(app: string, smartHttp: boolean): Promise<Buffer> {
    return advertiseReceivePack(await readRefs(this.paths.require(app)), { smartHttp });
  }

  /** Consumes a receive-pack request from `input` and writes the whole response through `write`. */
  async handle(app: string, input: AsyncIterable<Buffer | string>, write: (chunk: Buffer) => void): Promise<void> {
    const gitdir = this.paths.require(app);
    const source = new ByteSource(input, this.opts.idleTimeoutMs ?? 300_000);
    const request = await readCommands(source, write);
    if (!request) return;
    const sideBandOn = request.capabilities.has('side-band-64k') || request.capabilities.has('side-band');
    const out = sideBandOutput(sideBandOn, write);
    const log = this.opts.log.child({ app });
    const report = (o: Outcome) => write(wrapReport(reportStatus(o.unpackError, o.results), sideBandOn));

    let pack: QuarantinedPack | undefined;
    try {
      if (expectsPack(request)) {
        pack = await quarantinePack(source.rest(), gitdir, { maxPackBytes: this.opts.maxPackBytes, maxObjectBytes: this.opts.maxObjectBytes ?? this.opts.maxPackBytes });
        if (!pack) throw new PaasError('GIT_PACK_INVALID', 'the pack is missing');
        out.info(`received ${pack.indexed.count} objects (${formatBytes(pack.bytes)})`);
      }
    } catch (e) {
      log.warn({ err: errorMessage(e) }, 'push refused while unpacking');
      await source.drain(DRAIN_MS);
      out.error(errorMessage(e));
      report(refuseAll(request.updates, errorMessage(e), 'unpacker error'));
      return;
    }

    const keepalive = sideBandOn ? setInterval(() => write(KEEPALIVE), this.opts.keepaliveMs ?? 10_000) : undefined;
    try {
      if (this.locks.isBusy(app)) out.info('another push to this app is in progress: waiting for it to finish');
      const outcome = await this.locks.run(app, () => this.apply(app, gitdir, request.updates, pack, out)).catch((e: unknown) => {
        // Whatever broke, the client still gets a report that says no ref moved.
        log.error({ err: errorMessage(e) }, 'push failed');
        out.error(`internal error: ${errorMessage(e)}`);
        return refuseAll(request.updates, 'internal error (see the server log)', 'internal error');
      });
      clearInterval(keepalive);
      report(outcome);
    } finally {
      clearInterval(keepalive);
      if (pack) await discardPack(pack);
    }
  }

  /** Under the app's lock: connectivity, publication, ref checks, the push hook, then the refs. */
  private async apply(app: string, gitdir: string, updates: RefUpdate[], pack: QuarantinedPack | undefined, out: UserOutput): Promise<Outcome> {
    const presence = await ObjectPresence.load(gitdir);
    if (pack) {
      const missing = presence.missing(pack.indexed.externalLinks);
      if (missing.length > 0) {
        const why = `the pack needs ${missing.length} object(s) this repository does not have, e.g. ${missing[0]}`;
        out.error(why);
        return refuseAll(updates, why, 'missing necessary objects');
      }
      try {
        await publishPack(gitdir, pack);
      } catch (e) {
        this.opts.log.error({ app, err: errorMessage(e) }, 'pack not published');
        return refuseAll(updates, `cannot store the pack: ${errorMessage(e)}`, 'unpacker error');
      }
    }
    const cache = {};
    const typeOf = async (oid: string): Promise<ObjectType | undefined> => {
      const inPack = pack?.indexed.typeOf(oid);
      if (inPack || !presence.has(oid)) return inPack;
      const stored = await git.readObject({ fs, gitdir, oid, cache, format: 'content' }).catch(() => undefined);
      return stored?.type as ObjectType | undefined;
    };
    const rejected = new Map<string, string>();
    for (const u of updates) {
      const why = await checkUpdate(gitdir, u, typeOf);
      if (why) rejected.set(u.ref, why);
    }
    const candidates = updates.filter((u) => !rejected.has(u.ref));
    if (candidates.length > 0) {
      try {
        for (const [ref, why] of await this.hooks.beforeUpdate(app, candidates, out)) rejected.set(ref, why);
      } catch (e) {
        out.error(errorMessage(e));
        candidates.forEach((u) => rejected.set(u.ref, 'push hook failed'));
      }
    }
    return { results: await applyUpdates(gitdir, updates, rejected) };
  }
}

/** The command section (pkt-lines up to a flush). Undefined for git's empty probe, or after answering ERR. */
async function readCommands(source: ByteSource, write: (chunk: Buffer) => void): Promise<ReceiveRequest | undefined> {
  try {
    let section: { lines: Buffer[]; consumed: number } | null;
    while (!(section = readUntilFlush(source.buffered))) {
      if (source.buffered.length > MAX_COMMAND_BYTES) throw new PaasError('GIT_PROTOCOL', 'command section too large');
      if (!(await source.more())) throw new PaasError('GIT_PROTOCOL', 'request ended before the command list');
    }
    source.consume(section.consumed);
    if (section.lines.length === 0) {
      // git's 0000 probe before a large body: read it to its end, so that the connection can carry the push.
      await source.drain(DRAIN_MS);
      return undefined;
    }
    return parseReceiveCommands(section.lines);
  } catch (e) {
    await source.drain(DRAIN_MS);
    write(pktLine(`ERR ${errorMessage(e).slice(0, 200)}\n`));
    return undefined;
  }
}

function refuseAll(updates: RefUpdate[], unpackError: string, refReason: string): Outcome {
  return { unpackError, results: updates.map((u) => ({ ref: u.ref, error: refReason })) };
}

/** Progress lines on side-band channel 2, which git prints as `remote: ...`. */
export function sideBandOutput(enabled: boolean, write: (chunk: Buffer) => void): UserOutput {
  const send = (line: string) => {
    if (enabled) write(sideBand(2, `${line}\n`));
  };
  return {
    step: (t) => send(formatStep(t)),
    info: (t) => send(formatInfo(t)),
    error: (t) => send(formatError(t)),
  };
}
