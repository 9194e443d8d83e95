/**
 * The input edge of `tpsync check`: a byte stream (a file or stdin) → lines, handed over one at
 * a time so that nothing but the current chunk is held. Line breaks are `\n` or `\r\n`; a UTF-8
 * byte order mark at the start is dropped; a last line without a break counts. A line longer
 * than `maxLineLength` is not held either: it is reported as overlong and skipped. A line whose
 * bytes are not UTF-8 is reported as such, not handed over with U+FFFD where its bytes were (a
 * decoder's repair would make a payload that production never sent look valid).
 */
import { isUtf8 } from 'node:buffer';

export interface LineSink {
  line(text: string, lineNumber: number): void;
  overlongLine(lineNumber: number): void;
  /** A line that holds bytes that are not UTF-8. */
  notUtf8Line(lineNumber: number): void;
}

export interface ReadLinesOptions {
  /** Longest line kept, in UTF-16 code units of its text (about its bytes for JSON). Default 16 MiB. */
  readonly maxLineLength?: number;
  /** Stops reading when aborted: between chunks, or at once when the input is a stream that can be destroyed (stdin waiting for data). */
  readonly signal?: AbortSignal;
}

/** @returns the number of lines read, and whether reading stopped early because `signal` was aborted. */
export async function readLines(
  input: AsyncIterable<Uint8Array | string>,
  sink: LineSink,
  options: ReadLinesOptions = {},
): Promise<{ lines: number; aborted: boolean }> {
  const maxLength = options.maxLineLength ?? 16 * 1024 * 1024;
  // Each call decodes whole characters (the cut one waits in `carry`); the first line's BOM is dropped by `emit`.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry: Uint8Array | undefined;
  let pending = '';
  let overlong = false;
  let notUtf8 = false;
  let lineNumber = 0;
  let first = true;

  const emit = (text: string): void => {
    lineNumber++;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const bad = notUtf8;
    notUtf8 = false;
    if (overlong) {
      overlong = false;
      sink.overlongLine(lineNumber);
      return;
    }
    if (bad) return sink.notUtf8Line(lineNumber);
    sink.line(text.charCodeAt(text.length - 1) === 0x0d ? text.slice(0, -1) : text, lineNumber);
  };

  /** Text in; `bad` marks the line it ends in (or continues) as not UTF-8. */
  const feed = (text: string, bad: boolean): void => {
    if (bad) notUtf8 = true;
    let start = 0;
    let end = text.indexOf('\n');
    if (end !== -1) {
      emit(pending + text.slice(0, end));
      pending = '';
      start = end + 1;
      while ((end = text.indexOf('\n', start)) !== -1) {
        emit(text.slice(start, end));
        start = end + 1;
      }
    }
    if (overlong) return;
    pending += start === 0 ? text : text.slice(start);
    if (pending.length > maxLength) {
      // Drop what is held of this line; its end will be reported as one overlong line.
      pending = '';
      overlong = true;
    }
  };

  /** Bytes in: checked as UTF-8 in one native pass; only a chunk that fails is looked at line by line. */
  const feedBytes = (chunk: Uint8Array): void => {
    const bytes = carry === undefined ? chunk : joined(carry, chunk);
    const cut = wholeCharacters(bytes);
    carry = cut < bytes.length ? bytes.slice(cut) : undefined;
    const whole = bytes.subarray(0, cut);
    if (isUtf8(whole)) return feed(decoder.decode(whole), false);
    let start = 0;
    while (start < whole.length) {
      const newline = whole.indexOf(0x0a, start);
      const end = newline === -1 ? whole.length : newline + 1;
      const piece = whole.subarray(start, end);
      feed(decoder.decode(piece), !isUtf8(piece));
      start = end;
    }
  };

  const signal = options.signal;
  // A function, not a property read: the signal changes under us, which narrowing cannot know.
  const aborted = (): boolean => signal?.aborted === true;
  const destroy = (input as { destroy?: () => void }).destroy;
  const stop = () => destroy?.call(input);
  if (aborted()) return { lines: lineNumber, aborted: true };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of input) {
      if (aborted()) return { lines: lineNumber, aborted: true };
      if (typeof chunk === 'string') feed(chunk, false);
      else feedBytes(chunk);
    }
  } catch (error) {
    // A destroyed stream ends its iteration with an error: that is the abort, not a failure.
    if (aborted()) return { lines: lineNumber, aborted: true };
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (aborted()) return { lines: lineNumber, aborted: true };
  // A character cut off by the end of the input is not UTF-8.
  if (carry !== undefined) feed(decoder.decode(carry), true);
  if (pending !== '' || overlong || notUtf8) emit(pending);
  return { lines: lineNumber, aborted: false };
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}

/** The length of `bytes` without a multi-byte character that its end cuts (at most 3 bytes are left over). */
function wholeCharacters(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(4, length); back++) {
    const byte = bytes[length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    if (byte < 0xc0) return length;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return back < need ? length - back : length;
  }
  return length;
}
