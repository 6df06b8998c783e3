import { FLUSH, pktLine, sideBand } from './pktline.js';

export interface RefResult {
  ref: string;
  /** undefined means ok; otherwise the reason shown as `! [remote rejected] (reason)`. */
  error?: string;
}

/** report-status: `unpack ok|<err>`, then `ok ref` / `ng ref reason` per ref, then flush. */
export function reportStatus(unpackError: string | undefined, results: RefResult[]): Buffer {
  const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 200);
  const lines = [pktLine(`unpack ${unpackError ? clean(unpackError) : 'ok'}\n`)];
  for (const r of results) lines.push(pktLine(r.error ? `ng ${r.ref} ${clean(r.error)}\n` : `ok ${r.ref}\n`));
  lines.push(FLUSH);
  return Buffer.concat(lines);
}

/** Wraps a report in side-band channel 1 when the client asked for side-band; ends with the outer flush. */
export function wrapReport(report: Buffer, sideBandOn: boolean): Buffer {
  return sideBandOn ? Buffer.concat([sideBand(1, report), FLUSH]) : report;
}
