/**
 * Error replies in the shape of Django REST Framework, which the Secoda backend runs on
 * (DESIGN §1: `{"detail": "…"}` or `{"field": ["message"]}`). Handlers throw a DrfError;
 * the server's one error handler writes it out.
 */

export type FieldErrors = Record<string, string[] | Record<string, string[]>>;

export class DrfError extends Error {
  override readonly name = 'DrfError';
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(JSON.stringify(body));
  }
}

export const MESSAGES = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  notString: 'Not a valid string.',
  notBoolean: 'Must be a valid boolean.',
  notList: (value: unknown) => `Expected a list of items but got type "${pythonType(value)}".`,
  incorrectPk: (value: unknown) => `Incorrect type. Expected pk value, received ${pythonType(value)}.`,
  missingPk: (pk: string) => `Invalid pk "${pk}" - object does not exist.`,
} as const;

export const notFound = (): DrfError => new DrfError(404, { detail: 'Not found.' });

/** Django's paginator refuses a page past the end, below 1 or not a number. */
export const invalidPage = (): DrfError => new DrfError(404, { detail: 'Invalid page.' });

export const fieldErrors = (errors: FieldErrors): DrfError => new DrfError(400, errors);

export const parseError = (reason: string): DrfError => new DrfError(400, { detail: `JSON parse error - ${reason}` });

/** DRF answers 401 (not 403) when the authentication scheme names itself in WWW-Authenticate. */
export const unauthenticated = (detail: string): DrfError => new DrfError(401, { detail }, { 'www-authenticate': 'Bearer' });

export const throttled = (waitSeconds: number): DrfError =>
  new DrfError(
    429,
    { detail: `Request was throttled. Expected available in ${waitSeconds} seconds.` },
    { 'retry-after': String(waitSeconds) },
  );

export const methodNotAllowed = (method: string, allowed: readonly string[]): DrfError =>
  new DrfError(405, { detail: `Method "${method}" not allowed.` }, { allow: allowed.join(', ') });

/** The type names Python would print for a JSON value, as DRF's messages do. */
export function pythonType(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'object':
      return 'dict';
    default:
      return typeof value;
  }
}
