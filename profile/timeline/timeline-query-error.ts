/** A page or count request the timeline cannot answer as asked (a foreign cursor, a bad date). */
export class TimelineQueryError extends Error {
  constructor(
    /** The argument at fault, as the API names it (`after`, `since`, ...). */
    readonly argument: string,
    message: string,
  ) {
    super(message);
    this.name = 'TimelineQueryError';
    Object.setPrototypeOf(this, TimelineQueryError.prototype);
  }
}
