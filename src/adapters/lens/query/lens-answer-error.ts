/** A Lens reply that is not the GraphQL answer we asked for. Keeps the raw body for the log. */
export class LensAnswerError extends Error {
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
    this.name = 'LensAnswerError';
  }
}
