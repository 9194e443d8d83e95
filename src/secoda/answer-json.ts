/**
 * The JSON of a successful answer. An empty body is null; a body that is not JSON is a clear
 * error (an HTML page says SECODA_API_URL points at a web page), with a redacted, trimmed sample.
 */
import { htmlPageError } from './address-errors.js';
import { trimBody } from './error-body.js';
import { SecodaInvalidResponseError } from './errors.js';
import type { Redactor } from '../redaction/redactor.js';

/** The request an answer came to, for messages. */
export interface AnsweredRequest {
  readonly method: string;
  /** `/event/events/`. */
  readonly path: string;
  /** The full URL, without the query. */
  readonly url: string;
  /** Takes the token out of a sample of the body. */
  readonly redactor: Redactor;
}

/** The parsed body of `answer`, null when empty; throws SecodaInvalidResponseError when it is not JSON. */
export function answerJson(answer: { readonly status: number; readonly text: string }, request: AnsweredRequest): unknown {
  const { status, text } = answer;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (isHtml(text)) throw htmlPageError(request.method, request.url, status);
    throw new SecodaInvalidResponseError({
      method: request.method,
      path: request.path,
      problem: `the ${status} answer is not JSON`,
      sample: trimBody(request.redactor.redact(text), 200),
    });
  }
}

function isHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html|<head|<body)/i.test(text);
}
