/**
 * A process that holds a read pool with a loaded reading process, for read-pool.test.ts to kill:
 * prints the reading process's pid once it has read a file, then waits to be killed.
 */
import fs from 'node:fs';
import { createReadPool } from '../../../../src/adapters/workbook/sandbox/read-pool.js';
import { formContext } from '../../../../src/config/form-definitions.js';
import { shippedForms } from '../../../domain/forms/load-defs.js';
import { validForm } from '../../../hostile/hostile-inputs.js';

const { both, campaign } = shippedForms();
const pool = createReadPool();
const outcome = await pool.read({ bytes: await validForm(), kind: 'xlsx', fileName: '推荐表.xlsx', definitions: both, formContext: formContext(campaign) });
if (!outcome.ok) throw new Error(JSON.stringify(outcome));
const children = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/);
console.log(`reader ${children.join(' ')}`);
setInterval(() => {}, 60_000); // hold on until killed
