/** The JSON of a successful answer, or a clear error. */
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/redaction/redactor.js';
import { answerJson } from '../../src/secoda/answer-json.js';
import { SecodaInvalidResponseError } from '../../src/secoda/errors.js';

const TOKEN = 'sk-secret-token-0123456789';
const request = { method: 'GET', path: '/event/events/', url: 'https://app.secoda.co/event/events/', redactor: new Redactor([TOKEN]) };

describe('answerJson', () => {
  it('parses JSON, and reads an empty body as null', () => {
    expect(answerJson({ status: 200, text: '{"results":[1]}' }, request)).toEqual({ results: [1] });
    expect(answerJson({ status: 204, text: ' \n' }, request)).toBeNull();
  });

  it('says a body that is not JSON is unexpected, with a short sample that holds no token', () => {
    const error = (() => {
      try {
        return answerJson({ status: 200, text: `oops ${TOKEN} ${'y'.repeat(400)}` }, request);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SecodaInvalidResponseError);
    expect((error as SecodaInvalidResponseError).userMessage).toMatch(
      /^unexpected response from Secoda to GET \/event\/events\/: the 200 answer is not JSON — got oops \*\*\* y+…$/,
    );
  });

  it('says an HTML page means SECODA_API_URL points at a web page, naming the full URL', () => {
    expect(() => answerJson({ status: 200, text: '<!DOCTYPE html><html></html>' }, request)).toThrow(
      expect.objectContaining({
        userMessage:
          "unexpected response from Secoda to GET https://app.secoda.co/event/events/: the 200 answer is an HTML page, not the API's JSON",
        hint: expect.stringContaining('app.secoda.co is the web app, not the API') as unknown,
      }),
    );
  });
});
