/**
 * The input is not a mail message at all (no header block a mail client would recognise), so
 * there is nothing to salvage. The caller records the message as `unreadable` instead of retrying:
 * parsing it again would give the same answer.
 */
export class UnreadableMessageError extends Error {
  override readonly name = 'UnreadableMessageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
