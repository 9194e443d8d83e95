/**
 * The input edge of `tpsync check`: a byte stream (a file or stdin) → lines, handed over one at
 * a time so that nothing but the current chunk is held. Line breaks are `\n` or `\r\n`; a UTF-8
 * byte order mark at the start is dropped; a last line without a break counts. A line longer
 * than `maxLineLength` is not held either: it is reported as overlong and skipped.
 */
import { StringDecoder } from 'node:string_decoder';

export interface LineSink {
  line(text: string, lineNumber: number): void;
  overlongLine(lineNumber: number): void;
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
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overlong = false;
  let lineNumber = 0;
  let first = true;

  const emit = (text: string): void => {
    lineNumber++;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (overlong) {
      overlong = false;
      sink.overlongLine(lineNumber);
      return;
    }
    sink.line(text.charCodeAt(text.length - 1) === 0x0d ? text.slice(0, -1) : text, lineNumber);
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
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
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
      if (overlong) continue;
      pending += start === 0 ? text : text.slice(start);
      if (pending.length > maxLength) {
        // Drop what is held of this line; its end will be reported as one overlong line.
        pending = '';
        overlong = true;
      }
    }
  } catch (error) {
    // A destroyed stream ends its iteration with an error: that is the abort, not a failure.
    if (aborted()) return { lines: lineNumber, aborted: true };
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  if (aborted()) return { lines: lineNumber, aborted: true };
  const rest = pending + decoder.end();
  if (rest !== '' || overlong) emit(rest);
  return { lines: lineNumber, aborted: false };
}
