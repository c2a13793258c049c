/**
 * Pass-through streams that keep a bounded copy of the bytes flowing through them: the head of an
 * attachment (to sniff its type, or read a small part as text while it streams to the blob store)
 * and the tail of a raw message (to see whether its closing MIME boundary ever came). Only
 * `limit` bytes are ever kept, whatever the size of the stream.
 */
import { Transform, type TransformCallback } from 'node:stream';

export class HeadCapture extends Transform {
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.kept < this.limit) {
      const slice = chunk.subarray(0, this.limit - this.kept);
      // Copy: a view would pin the whole (possibly large) chunk in memory.
      this.chunks.push(Buffer.from(slice));
      this.kept += slice.length;
    }
    done(null, chunk);
  }

  /** The first bytes seen so far (at most `limit`). */
  head(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }
}

export class TailCapture extends Transform {
  private last: Buffer = Buffer.alloc(0);

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    const joined = this.last.length + bytes.length > this.limit ? Buffer.concat([this.last, bytes.subarray(-this.limit)]) : Buffer.concat([this.last, bytes]);
    this.last = Buffer.from(joined.subarray(-this.limit));
    done(null, bytes);
  }

  /** The last bytes seen (at most `limit`). */
  tail(): Buffer {
    return this.last;
  }
}
