/**
 * The reason phrase of a status Secoda may answer with (RFC 9110 §15), for messages: "503" reads
 * "503 Service Unavailable". Statuses not listed read as the bare number.
 */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "503 Service Unavailable", or "599" for a status without a phrase here. */
export function statusWithText(status: number): string {
  const phrase = REASON_PHRASES[status];
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}
