/**
 * Thrown by a job handler when trying again cannot help (a payload that will never parse, a
 * record the vendor says does not exist): the job becomes a dead letter at once, reason kept.
 */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export const isPermanentJobError = (error: unknown): error is PermanentJobError =>
  error instanceof Error && error.name === 'PermanentJobError';

/** The reason a dead letter keeps: the error's message, or its string form. */
export const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message || error.name : typeof error === 'string' ? error : JSON.stringify(error);

/** BullMQ's own reason for a job whose workers kept dying; the memory adapter uses the same words. */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';
