import fs from 'node:fs';
import git from 'isomorphic-git';
import type { Logger } from 'pino';
import type { UserOutput } from '../../ports.js';
import { errorMessage, PaasError } from '../../core/errors.js';
import { KeyedMutex } from '../../core/mutex.js';
import { readUntilFlush, sideBand, pktLine } from '../../core/git/pktline.js';
import { advertiseReceivePack } from '../../core/git/advertise.js';
import { expectsPack, parseReceiveCommands, type RefUpdate } from '../../core/git/receive-request.js';
import { reportStatus, wrapReport, type RefResult } from '../../core/git/report-status.js';
import { branchOf, validatePushRef, ZERO_OID } from '../../core/git/refs.js';
import { formatError, formatInfo, formatStep } from '../../core/user-output.js';
import { ByteSource } from './byte-source.js';
import { publishPack, quarantinePack } from './pack-intake.js';
import { readRefs, refOid, type RepoPaths } from './repos.js';

export interface ReceiveHooks {
  /**
   * Runs after the pack is stored and before any ref moves (a deploy). Returns a rejection reason for each ref that
   * must not be updated.
   */
  beforeUpdate(app: string, updates: RefUpdate[], out: UserOutput): Promise<Map<string, string>>;
}

export interface ReceiveOptions {
  maxPackBytes: number;
  log: Logger;
}

const MAX_COMMAND_BYTES = 1 << 20;

/** git-receive-pack on isomorphic-git, independent of the transport (smart HTTP or SSH). */
export class ReceivePack {
  private readonly locks = new KeyedMutex();

  constructor(
    private readonly paths: RepoPaths,
    private readonly hooks: ReceiveHooks,
    private readonly opts: ReceiveOptions,
  ) {}

  async advertise(app: string, smartHttp: boolean): Promise<Buffer> {
    return advertiseReceivePack(await readRefs(this.paths.require(app)), { smartHttp });
  }

  /** Consumes a receive-pack request from `input` and writes the whole response through `write`. */
  async handle(app: string, input: AsyncIterable<Buffer | string>, write: (chunk: Buffer) => void): Promise<void> {
    const gitdir = this.paths.require(app);
    const source = new ByteSource(input);
    let section: { lines: Buffer[]; consumed: number } | null;
    try {
      while (!(section = readUntilFlush(source.buffered))) {
        if (source.buffered.length > MAX_COMMAND_BYTES) throw new PaasError('GIT_PROTOCOL', 'command section too large');
        if (!(await source.more())) throw new PaasError('GIT_PROTOCOL', 'request ended before the command list');
      }
    } catch (e) {
      write(pktLine(`ERR ${errorMessage(e)}\n`));
      return;
    }
    source.consume(section.consumed);
    if (section.lines.length === 0) return; // git's 0000 probe before a large body
    let request;
    try {
      request = parseReceiveCommands(section.lines);
    } catch (e) {
      write(pktLine(`ERR ${errorMessage(e)}\n`));
      return;
    }
    const sideBandOn = request.capabilities.has('side-band-64k') || request.capabilities.has('side-band');
    const out = sideBandOutput(sideBandOn, write);
    const log = this.opts.log.child({ app });

    let pack;
    try {
      pack = expectsPack(request) ? await quarantinePack(source.rest(), gitdir, this.opts.maxPackBytes) : undefined;
      if (expectsPack(request) && !pack) throw new PaasError('GIT_PACK_INVALID', 'the pack is missing');
    } catch (e) {
      log.warn({ err: errorMessage(e) }, 'push refused while unpacking');
      out.error(errorMessage(e));
      write(wrapReport(reportStatus(errorMessage(e), request.updates.map((u) => ({ ref: u.ref, error: 'unpacker error' }))), sideBandOn));
      return;
    }

    if (this.locks.isBusy(app)) out.info('another push to this app is in progress: waiting for it to finish');
    const results = await this.locks.run(app, async () => {
      const cache = {};
      try {
        if (pack) await publishPack(gitdir, pack, cache);
      } catch (e) {
        out.error(errorMessage(e));
        return { unpackError: errorMessage(e), results: request.updates.map((u) => ({ ref: u.ref, error: 'unpacker error' })) };
      }
      return { unpackError: undefined, results: await this.updateRefs(app, gitdir, request.updates, out, cache) };
    });
    write(wrapReport(reportStatus(results.unpackError, results.results), sideBandOn));
  }

  private async updateRefs(app: string, gitdir: string, updates: RefUpdate[], out: UserOutput, cache: object): Promise<RefResult[]> {
    const rejected = new Map<string, string>();
    for (const u of updates) {
      const why = await this.checkUpdate(gitdir, u, cache);
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
    for (const u of updates) {
      if (rejected.has(u.ref)) continue;
      if (u.newOid === ZERO_OID) await git.deleteRef({ fs, gitdir, ref: u.ref });
      else await git.writeRef({ fs, gitdir, ref: u.ref, value: u.newOid, force: true });
    }
    return updates.map((u) => ({ ref: u.ref, error: rejected.get(u.ref) }));
  }

  /** Why an update must be refused, or undefined. */
  private async checkUpdate(gitdir: string, u: RefUpdate, cache: object): Promise<string | undefined> {
    try {
      validatePushRef(u.ref);
    } catch (e) {
      return errorMessage(e).replace(/^ref "[^"]*" refused: /, '');
    }
    const current = (await refOid(gitdir, u.ref)) ?? ZERO_OID;
    if (current !== u.oldOid) return 'stale info: fetch first';
    if (u.newOid === ZERO_OID) return undefined;
    try {
      const { type } = await git.readObject({ fs, gitdir, oid: u.newOid, cache, format: 'content' });
      if (branchOf(u.ref) !== undefined && type !== 'commit') return 'a branch must point to a commit';
    } catch {
      return 'missing object';
    }
    return undefined;
  }
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
