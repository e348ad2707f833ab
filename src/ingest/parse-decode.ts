/**
 * Bytes → text. Rejects empty and binary files and strips byte-order marks. A UTF-8 file with a
 * few bad bytes stays UTF-8 (each bad byte becomes U+FFFD, with a warning giving its offset); only
 * a file that as a whole is not UTF-8 (more invalid sequences than valid multi-byte ones) is read
 * as windows-1252, so a stray legacy file never crashes ingestion and one stray byte never turns
 * a UTF-8 file into mojibake.
 */

export type Decoded =
  | { readonly kind: 'text'; readonly text: string; readonly warnings: readonly string[] }
  | { readonly kind: 'skipped'; readonly reason: string };

/** How much of the file is inspected to decide whether it is binary. */
const SNIFF_BYTES = 64 * 1024;
/** Share of control bytes above which a file is binary rather than text with a few stray bytes. */
const MAX_CONTROL_SHARE = 0.1;

/** windows-1252 differs from latin1 only in 0x80–0x9F (curly quotes, dashes, €…). Undefined slots stay C1. */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const CP1252_WARNING = 'not valid UTF-8: decoded as windows-1252';
/** Offsets of bad bytes listed in the warning; the rest are counted. */
const LISTED_OFFSETS = 5;

/** Decodes a file's bytes, or says why it is not article text. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { kind: 'skipped', reason: 'empty file' };
  const utf16 = utf16Endianness(bytes);
  if (utf16) return finish(decodeUtf16(bytes.subarray(2), utf16), []);
  if (looksBinary(bytes)) return { kind: 'skipped', reason: 'binary file' };
  try {
    return finish(utf8.decode(bytes), []);
  } catch {
    const scan = scanUtf8(bytes);
    if (scan.multiByte === 0 || scan.multiByte < scan.invalid.length) {
      return finish(decodeCp1252(bytes), [CP1252_WARNING]);
    }
    return finish(utf8Lenient.decode(bytes), [invalidBytesWarning(scan.invalid, scan.invalid.length)]);
  }
}

/**
 * Counts well-formed multi-byte UTF-8 sequences and lists the offsets where an ill-formed one
 * starts (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
 */
export function scanUtf8(bytes: Uint8Array, final = true): { multiByte: number; invalid: number[]; complete: number } {
  let multiByte = 0;
  const invalid: number[] = [];
  const cont = (i: number, lo = 0x80, hi = 0xbf): boolean => i < bytes.length && bytes[i]! >= lo && bytes[i]! <= hi;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    // Not final: a lead byte near the end may be completed by the next chunk.
    if (!final && b >= 0xc2 && b <= 0xf4 && i + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > bytes.length) {
      let ok = true;
      for (let j = i + 1; j < bytes.length; j++) ok &&= bytes[j]! >= 0x80 && bytes[j]! <= 0xbf;
      if (ok) return { multiByte, invalid, complete: i };
    }
    let n = 0;
    /** Bytes of the longest valid start of a sequence (one U+FFFD replaces them all, as TextDecoder does). */
    let prefix = 1;
    if (b < 0x80) n = 1;
    else if (b >= 0xc2 && b <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      prefix = cont(i + 1, lo, hi) ? 2 : 1;
      n = prefix === 2 && cont(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      prefix = cont(i + 1, lo, hi) ? (cont(i + 2) ? 3 : 2) : 1;
      n = prefix === 3 && cont(i + 3) ? 4 : 0;
    }
    if (n === 0) {
      invalid.push(i);
      i += prefix;
    } else {
      if (n > 1) multiByte++;
      i += n;
    }
  }
  return { multiByte, invalid, complete: bytes.length };
}

/** The warning for bad UTF-8 bytes at `offsets` (of `count` in all). */
function invalidBytesWarning(offsets: readonly number[], count: number): string {
  const listed = offsets.slice(0, LISTED_OFFSETS).join(', ');
  const more = count > LISTED_OFFSETS ? ` and ${count - LISTED_OFFSETS} more` : '';
  return `${count === 1 ? 'an invalid UTF-8 byte at offset' : 'invalid UTF-8 bytes at offsets'} ${listed}${more}, shown as \uFFFD`;
}

/**
 * Decodes a stream of UTF-8 chunks (a streamed JSON Lines file), bad bytes as U+FFFD; once the
 * stream ends, pushes one warning with their offsets onto `warnings` when there were any.
 */
export async function* decodeUtf8Stream(chunks: AsyncIterable<Uint8Array>, warnings: string[]): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let carry = new Uint8Array(0);
  let base = 0;
  let count = 0;
  const offsets: number[] = [];
  const scan = (bytes: Uint8Array, final: boolean): void => {
    const r = scanUtf8(bytes, final);
    count += r.invalid.length;
    for (const o of r.invalid) if (offsets.length < LISTED_OFFSETS) offsets.push(base + o);
    carry = bytes.slice(r.complete);
    base += r.complete;
  };
  for await (const chunk of chunks) {
    scan(withCarry(carry, chunk), false);
    yield decoder.decode(chunk, { stream: true });
  }
  scan(carry, true);
  const rest = decoder.decode();
  if (rest) yield rest;
  if (count > 0) warnings.push(invalidBytesWarning(offsets, count));
}

/**
 * Decodes a streamed file (big JSON Lines) by the same rule as {@link decodeBytes}: a first pass
 * over its bytes ({@link streamIsUtf8}) decides whether the file as a whole is UTF-8; then it is
 * decoded in chunks as UTF-8 (bad bytes as U+FFFD, one warning with their offsets) or, when it is
 * not, as windows-1252 (one warning). `open` is called once per pass.
 */
export async function* decodeTextStream(open: () => AsyncIterable<Uint8Array>, warnings: string[]): AsyncGenerator<string> {
  if (await streamIsUtf8(open())) {
    yield* decodeUtf8Stream(open(), warnings);
    return;
  }
  warnings.push(CP1252_WARNING);
  // One byte per character: any chunk boundary is a character boundary.
  for await (const chunk of open()) yield decodeCp1252(chunk);
}

/** {@link decodeBytes}'s rule over a stream: UTF-8 unless it has bad bytes and no more valid multi-byte sequences than bad ones. */
export async function streamIsUtf8(chunks: AsyncIterable<Uint8Array>): Promise<boolean> {
  let carry = new Uint8Array(0);
  let multiByte = 0;
  let invalid = 0;
  const scan = (bytes: Uint8Array, final: boolean): void => {
    const r = scanUtf8(bytes, final);
    multiByte += r.multiByte;
    invalid += r.invalid.length;
    carry = bytes.slice(r.complete);
  };
  for await (const chunk of chunks) {
    scan(withCarry(carry, chunk), false);
  }
  scan(carry, true);
  return invalid === 0 || (multiByte > 0 && multiByte >= invalid);
}

/** The bytes of an incomplete UTF-8 sequence left from the previous chunk, followed by `chunk`. */
function withCarry(carry: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (carry.length === 0) return chunk;
  const bytes = new Uint8Array(carry.length + chunk.length);
  bytes.set(carry);
  bytes.set(chunk, carry.length);
  return bytes;
}

function finish(text: string, warnings: string[]): Decoded {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.trim() === '') return { kind: 'skipped', reason: 'empty file' };
  return { kind: 'text', text: t, warnings };
}

/** NUL bytes, or many control bytes, in the first 64 KiB. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Tab, LF, VT, FF, CR and ESC appear in real text files; other C0 bytes do not.
    if (b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1b) controls++;
  }
  return controls > n * MAX_CONTROL_SHARE;
}

function utf16Endianness(bytes: Uint8Array): 'le' | 'be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return null;
}

function decodeUtf16(bytes: Uint8Array, endian: 'le' | 'be'): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (endian === 'le') return new TextDecoder('utf-16le').decode(even);
  const swapped = new Uint8Array(even.length);
  for (let i = 0; i < even.length; i += 2) {
    swapped[i] = even[i + 1]!;
    swapped[i + 1] = even[i]!;
  }
  return new TextDecoder('utf-16le').decode(swapped);
}

/** Node's 'windows-1252' decoder is plain latin1, so the 0x80–0x9F block is mapped here. */
function decodeCp1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}
