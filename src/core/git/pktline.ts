import { PaasError } from '../errors.js';

/** Git's pkt-line framing: 4 hex digits of length (including themselves), then the payload. */
export const MAX_PKT_LEN = 65520;
export const FLUSH = Buffer.from('0000');

export function pktLine(data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = payload.length + 4;
  if (len > MAX_PKT_LEN) throw new PaasError('GIT_PROTOCOL', `pkt-line too long (${len} bytes)`);
  return Buffer.concat([Buffer.from(len.toString(16).padStart(4, '0')), payload]);
}

/**
 * Splits the leading pkt-lines of `buf` up to and including the first flush. Returns null when the flush has not
 * arrived yet; throws on a malformed length. `consumed` is where whatever follows the flush (a pack) starts.
 */
export function readUntilFlush(buf: Buffer): { lines: Buffer[]; consumed: number } | null {
  const lines: Buffer[] = [];
  let at = 0;
  while (at + 4 <= buf.length) {
    const len = parseLength(buf.subarray(at, at + 4));
    if (len === 0) return { lines, consumed: at + 4 };
    if (len < 4) throw new PaasError('GIT_PROTOCOL', `unexpected special pkt-line ${len.toString(16).padStart(4, '0')}`);
    if (at + len > buf.length) return null;
    lines.push(buf.subarray(at + 4, at + len));
    at += len;
  }
  return null;
}

function parseLength(hex: Buffer): number {
  const text = hex.toString('latin1');
  if (!/^[0-9a-f]{4}$/i.test(text)) throw new PaasError('GIT_PROTOCOL', `bad pkt-line length ${JSON.stringify(text)}`);
  const len = parseInt(text, 16);
  if (len > MAX_PKT_LEN) throw new PaasError('GIT_PROTOCOL', `pkt-line length ${len} exceeds ${MAX_PKT_LEN}`);
  return len;
}

/** Side-band-64k: channel 1 data, 2 progress (shown as `remote:`), 3 fatal error. Long data is split. */
export function sideBand(channel: 1 | 2 | 3, data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const max = MAX_PKT_LEN - 5;
  const parts: Buffer[] = [];
  for (let at = 0; at < payload.length || (at === 0 && payload.length === 0); at += max) {
    parts.push(pktLine(Buffer.concat([Buffer.from([channel]), payload.subarray(at, at + max)])));
    if (payload.length === 0) break;
  }
  return Buffer.concat(parts);
}
