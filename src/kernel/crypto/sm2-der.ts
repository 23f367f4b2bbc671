// DER form of SM2 signatures: SEQUENCE { r INTEGER, s INTEGER } (GM/T 0009-2012 / GB/T 35276-2017),
// encoded per ITU-T X.690. Decoding is strict (minimal lengths and integers) so one signature has one form.
import { Buffer } from 'node:buffer';
import { isHex, toBuffer } from './bytes.ts';

function derInteger(hex32: string): Buffer {
  let bytes = Buffer.from(hex32, 'hex');
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  bytes = bytes.subarray(i);
  // A set top bit would read as negative: prefix 0x00.
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/** r || s (128 hex) to DER bytes. */
export function sm2SignatureToDer(signatureHex: string): Buffer {
  if (!isHex(signatureHex, 128)) throw new RangeError('SM2 signature must be 128 hex characters');
  const body = Buffer.concat([derInteger(signatureHex.slice(0, 64)), derInteger(signatureHex.slice(64))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

function readInteger(der: Buffer, at: number): { hex: string; next: number } {
  const fail = () => new RangeError('malformed DER SM2 signature');
  if (der[at] !== 0x02 || at + 2 > der.length) throw fail();
  const len = der[at + 1];
  const start = at + 2;
  if (len < 1 || len > 33 || start + len > der.length) throw fail();
  const value = der.subarray(start, start + len);
  if (value[0] & 0x80) throw fail(); // negative
  if (len > 1 && value[0] === 0 && !(value[1] & 0x80)) throw fail(); // non-minimal
  const magnitude = value[0] === 0 && len > 1 ? value.subarray(1) : value;
  if (magnitude.length > 32) throw fail();
  return { hex: magnitude.toString('hex').padStart(64, '0'), next: start + len };
}

/** DER bytes to r || s (128 lowercase hex). Throws RangeError if the encoding is not strict DER. */
export function sm2SignatureFromDer(der: Uint8Array): string {
  const buf = toBuffer(der);
  if (buf.length < 2 || buf[0] !== 0x30 || buf[1] !== buf.length - 2 || buf[1] > 0x7f) {
    throw new RangeError('malformed DER SM2 signature');
  }
  const r = readInteger(buf, 2);
  const s = readInteger(buf, r.next);
  if (s.next !== buf.length) throw new RangeError('malformed DER SM2 signature');
  return r.hex + s.hex;
}
