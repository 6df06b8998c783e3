import { FLUSH, pktLine } from './pktline.js';
import { ZERO_OID } from './refs.js';

/** no-thin: isomorphic-git cannot complete thin packs against the store, so clients must send whole ones. */
export const RECEIVE_CAPABILITIES = ['report-status', 'delete-refs', 'side-band-64k', 'quiet', 'ofs-delta', 'no-thin', 'agent=paas/0.1'];

export interface AdvertisedRef {
  ref: string;
  oid: string;
}

/** The ref advertisement of git-receive-pack; `smartHttp` adds the `# service=` preamble HTTP clients expect. */
export function advertiseReceivePack(refs: AdvertisedRef[], opts: { smartHttp: boolean }): Buffer {
  const parts: Buffer[] = [];
  if (opts.smartHttp) parts.push(pktLine('# service=git-receive-pack\n'), FLUSH);
  const caps = RECEIVE_CAPABILITIES.join(' ');
  if (refs.length === 0) {
    parts.push(pktLine(`${ZERO_OID} capabilities^{}\0${caps}\n`));
  } else {
    refs.forEach((r, i) => parts.push(pktLine(i === 0 ? `${r.oid} ${r.ref}\0${caps}\n` : `${r.oid} ${r.ref}\n`)));
  }
  parts.push(FLUSH);
  return Buffer.concat(parts);
}
