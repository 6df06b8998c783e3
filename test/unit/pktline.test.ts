import { describe, expect, it } from 'vitest';
import { pktLine, readUntilFlush, sideBand, MAX_PKT_LEN } from '../../src/core/git/pktline.js';
import { parseReceiveCommands, expectsPack } from '../../src/core/git/receive-request.js';
import { reportStatus, wrapReport } from '../../src/core/git/report-status.js';
import { advertiseReceivePack } from '../../src/core/git/advertise.js';
import { validatePushRef, ZERO_OID } from '../../src/core/git/refs.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('pkt-line framing', () => {
  it('prefixes the length in four hex digits, counting itself', () => {
    expect(pktLine('hello\n').toString()).toBe('000ahello\n');
    expect(pktLine('').toString()).toBe('0004');
  });

  it('reads lines up to the flush and says where the rest starts', () => {
    const buf = Buffer.concat([pktLine('one\n'), pktLine('two\n'), Buffer.from('0000PACK...')]);
    const r = readUntilFlush(buf)!;
    expect(r.lines.map(String)).toEqual(['one\n', 'two\n']);
    expect(buf.subarray(r.consumed).toString()).toBe('PACK...');
  });

  it('asks for more bytes when a line or the flush is incomplete', () => {
    expect(readUntilFlush(Buffer.from('000ahel'))).toBeNull();
    expect(readUntilFlush(pktLine('whole\n'))).toBeNull();
    expect(readUntilFlush(Buffer.from('00'))).toBeNull();
  });

  it.each(['zzzz', '0001', '0003', 'fff1', '-001', '00 4'])('rejects the length %j', (len) => {
    expect(() => readUntilFlush(Buffer.from(`${len}xxxxxxxxxxxxxxxx`))).toThrow(expect.objectContaining({ code: 'GIT_PROTOCOL' }));
  });

  it('refuses to frame more than the maximum', () => {
    expect(() => pktLine(Buffer.alloc(MAX_PKT_LEN))).toThrow(/too long/);
  });

  it('splits side-band data into frames that fit, each tagged with its channel', () => {
    const data = Buffer.alloc(70_000, 'x');
    const framed = sideBand(1, data);
    const first = parseInt(framed.subarray(0, 4).toString(), 16);
    expect(first).toBe(MAX_PKT_LEN);
    expect(framed[4]).toBe(1);
    const second = framed.subarray(first);
    expect(parseInt(second.subarray(0, 4).toString(), 16)).toBe(70_000 - (MAX_PKT_LEN - 5) + 5);
    expect(sideBand(2, 'hi\n').toString('latin1')).toBe('0008\x02hi\n');
  });
});

describe('receive-pack commands', () => {
  it('parses updates and the capabilities of the first line', () => {
    const req = parseReceiveCommands([Buffer.from(`${ZERO_OID} ${A} refs/heads/main\0report-status side-band-64k agent=git/2\n`), Buffer.from(`${A} ${B} refs/tags/v1\n`)]);
    expect(req.updates).toEqual([
      { oldOid: ZERO_OID, newOid: A, ref: 'refs/heads/main' },
      { oldOid: A, newOid: B, ref: 'refs/tags/v1' },
    ]);
    expect([...req.capabilities]).toEqual(['report-status', 'side-band-64k', 'agent=git/2']);
    expect(expectsPack(req)).toBe(true);
  });

  it('knows a delete-only push carries no pack', () => {
    expect(expectsPack(parseReceiveCommands([Buffer.from(`${A} ${ZERO_OID} refs/heads/x\n`)]))).toBe(false);
  });

  it.each([[`${A} ${B}`], [`${A.slice(1)} ${B} refs/heads/x`], [`${A} ${B} refs/heads/x extra`], [`shallow ${A}`], ['garbage']])('rejects %j', (line) => {
    expect(() => parseReceiveCommands([Buffer.from(line)])).toThrow(expect.objectContaining({ code: 'GIT_PROTOCOL' }));
  });

  it('rejects an empty command list', () => {
    expect(() => parseReceiveCommands([])).toThrow(/no ref updates/);
  });
});

describe('refs a push may update', () => {
  it.each(['refs/heads/main', 'refs/heads/feature/x', 'refs/tags/v1.0'])('accepts %s', (r) => expect(validatePushRef(r)).toBe(r));
  it.each(['HEAD', 'refs/notes/x', 'refs/heads/../../config', 'refs/heads/a..b', 'refs/heads/x.lock', 'refs/heads/.hidden', 'refs/heads/a b', 'refs/heads/x:y', 'refs/heads/', 'refs/heads/a//b', 'refs/heads/a@{1}'])(
    'refuses %s',
    (r) => expect(() => validatePushRef(r)).toThrow(expect.objectContaining({ code: 'GIT_REF_REJECTED' })),
  );
});

describe('advertisement and report-status', () => {
  it('advertises capabilities on the first ref, with no-thin', () => {
    const text = advertiseReceivePack([{ ref: 'refs/heads/main', oid: A }, { ref: 'refs/tags/v1', oid: B }], { smartHttp: true }).toString();
    expect(text.startsWith('001f# service=git-receive-pack\n0000')).toBe(true);
    expect(text).toContain(`${A} refs/heads/main\0`);
    expect(text).toContain('no-thin');
    expect(text).toContain(`${B} refs/tags/v1\n`);
    expect(text.endsWith('0000')).toBe(true);
  });

  it('advertises capabilities^{} for an empty repository', () => {
    const text = advertiseReceivePack([], { smartHttp: false }).toString();
    expect(text).toMatch(new RegExp(`^[0-9a-f]{4}${ZERO_OID} capabilities\\^\\{\\}\\0`));
  });

  it('reports per ref, flattening newlines in reasons', () => {
    const r = reportStatus(undefined, [{ ref: 'refs/heads/main' }, { ref: 'refs/heads/x', error: 'deploy\nfailed' }]).toString();
    expect(r).toBe('000eunpack ok\n0017ok refs/heads/main\n0022ng refs/heads/x deploy failed\n0000');
    const wrapped = wrapReport(Buffer.from(r), true);
    expect(wrapped.subarray(4, 5)[0]).toBe(1);
    expect(wrapped.toString().endsWith('0000')).toBe(true);
  });
});
