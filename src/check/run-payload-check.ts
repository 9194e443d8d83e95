/**
 * One payload check from start to end: compile on demand, stream the lines through, report.
 * The input arrives as a byte stream; nothing here opens files.
 */
import type { EventSchemaSet } from '../event-schema/types.js';
import { PayloadCheck, type PayloadCheckOptions } from './payload-check.js';
import { readLines } from './read-lines.js';
import type { CheckReport } from './report.js';
import { createCheckCompiler } from './validators.js';

export { uncheckableProperties } from './validators.js';

export interface PayloadCheckRun extends PayloadCheckOptions {
  /** Stops reading between chunks when aborted (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** @throws what the stream throws (a read error, broken gzip data). */
export async function runPayloadCheck(
  set: EventSchemaSet,
  input: AsyncIterable<Uint8Array | string>,
  options: PayloadCheckRun,
): Promise<{ report: CheckReport; aborted: boolean }> {
  const check = new PayloadCheck(set, createCheckCompiler(), options);
  const { aborted } = await readLines(input, check, options.signal === undefined ? {} : { signal: options.signal });
  return { report: check.report(), aborted };
}
