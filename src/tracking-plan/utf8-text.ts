/**
 * A plan file's bytes as text: UTF-8 only, refused with the line and column of the first byte
 * that is not (a file saved as Latin-1, as UTF-16, or holding an encoded surrogate). Pure.
 */
import type { Issue } from '../errors.js';
import { refusal } from './source-file.js';

export type Decoded = { ok: true; text: string } | { ok: false; issues: Issue[] };

/** The text of `bytes`, or why they are not UTF-8, located. A byte-order mark is dropped. */
export function decodeUtf8(file: string, bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refusal(
      file,
      1,
      1,
      'encoding',
      'the file is encoded as UTF-16, not UTF-8',
      'save the file as UTF-8 (most editors offer this under "Save with Encoding")',
    );
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    // Columns count UTF-16 units, as everywhere else (the line is valid UTF-8 up to the offset).
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
    const byte = bytes[offset] ?? 0;
    return refusal(
      file,
      line,
      column,
      'encoding',
      `the file is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')} at offset ${offset})`,
      'save the file as UTF-8; it was probably written as Latin-1 or Windows-1252, or holds a surrogate (a UTF-16 half, encoded as ED A0–BF …), which UTF-8 does not allow',
    );
  }
}

/**
 * Where the first byte that does not start a valid UTF-8 sequence is (RFC 3629 §4): the ranges
 * of the second byte exclude overlong forms (after E0, F0), surrogates (after ED) and code
 * points past U+10FFFF (after F4), as the decoder that refused the file does.
 */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}
