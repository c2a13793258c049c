/**
 * The body of a reading process (docs/limits.md): reads one workbook or .csv at a time, as asked
 * by the read pool, and judges its forms cell by cell (the domain's pure judge) before answering,
 * so judging a hostile form is held to the same caps as reading it and only the judged forms are
 * sent back. Whatever a file does here — fill the heap, loop, throw — ends this process at
 * worst, never the worker that started it.
 */
import { judgeWorkbook } from '../../../domain/forms/judge/judge-workbook.js';
import { readCsv } from '../read/read-csv.js';
import { readWorkbook } from '../read/read-workbook.js';
import type { FormDefinition } from '../../../domain/forms/types.js';
import type { ReadReply, ReadRequest, ReaderReady } from './read-request.js';

const send = process.send?.bind(process);
if (!send) throw new Error('read-worker runs as a child process of the read pool only');
const reply = (message: ReadReply | ReaderReady): void => { send(message); };

process.on('message', (msg: { id: number; request: ReadRequest }) => {
  void answer(msg.id, msg.request).then(reply);
});
// The worker that started this process has gone (or closed the pool): nothing is left to read for.
process.on('disconnect', () => process.exit(0));
/** The definitions last sent: kept, so what is worked out per definition is kept too (match-columns.ts). */
let held: FormDefinition[] | null = null;

// Loaded: from now on the pool counts a reading's time limit (loading is not the file's doing).
reply({ ready: true });

async function answer(id: number, req: ReadRequest): Promise<ReadReply> {
  try {
    held = req.definitions ?? held;
    if (!held) throw new Error('no form definitions were sent to this reading process');
    const definitions = held;
    const bytes = Buffer.from(req.bytes.buffer, req.bytes.byteOffset, req.bytes.byteLength);
    const read = req.kind === 'csv'
      ? readCsv(bytes, definitions, req.fileName, req.sheetLimits)
      : await readWorkbook(bytes, definitions, req.fileName, { sheetLimits: req.sheetLimits });
    return { id, ok: true, result: judgeWorkbook(read, definitions, req.formContext) };
  } catch (err) {
    return { id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
