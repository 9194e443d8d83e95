/** Turns the typed errors of the client and the apply step into a message and a hint. */
export interface DescribedError {
  readonly message: string;
  readonly hint?: string;
}

export function describeError(error: unknown): DescribedError | undefined {
  if (error instanceof Error && 'userMessage' in error && typeof (error as { userMessage: unknown }).userMessage === 'string') {
    const hint = (error as { hint?: unknown }).hint;
    return { message: (error as { userMessage: string }).userMessage, ...(typeof hint === 'string' ? { hint } : {}) };
  }
  return undefined;
}
