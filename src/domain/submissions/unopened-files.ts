/**
 * Files the worker did not open, said to the unit (docs/trust.md, "Say what was not read"): the
 * parts past mailparser's limit on MIME nodes, a forwarded message nested deeper than the limit,
 * an archive inside an archive. Each is a warning on the deliverable it belongs to: it does not by
 * itself block a form that was read, but a mail whose form was among the unopened files is still
 * asked for it (judge-submission.ts). Codes start with `not-opened-` so the digest can count them.
 */
import type { Problem } from '../forms/problem.js';
import type { UnopenedPart } from '../mail/message.js';

export const NOT_OPENED = {
  tooManyParts: 'not-opened-too-many-parts',
  nestedMail: 'not-opened-nested-mail',
  nestedArchive: 'not-opened-nested-archive',
} as const;

export const NOT_OPENED_PREFIX = 'not-opened-';

const warning = (code: string, value: string, message: string): Problem => ({ code, severity: 'warning', form: null, sheet: null, cell: null, column: null, value, message });

export function unopenedPartProblem(u: UnopenedPart): { part: string; name: string; problem: Problem } {
  if (u.reason === 'too_many_parts') {
    const read = u.read ?? 0;
    const where = u.name ? `转发的邮件“${u.name}”中` : '本邮件';
    return {
      part: u.part ?? '0',
      name: u.name || '（其余附件）',
      problem: warning(
        NOT_OPENED.tooManyParts,
        `${read}`,
        `${where}附件过多，超过了可处理的上限：只读取了前 ${read} 个附件，其余附件未打开，也未核对。请把材料分成几封邮件发送，或压缩成一个 .zip 文件作为一个附件发送。`,
      ),
    };
  }
  return {
    part: u.part ?? '0',
    name: u.name,
    problem: warning(NOT_OPENED.nestedMail, u.name, `附件“${u.name}”是多层转发的邮件（转发层数过多），其中的正文和附件未打开。请不要层层转发，直接把表格和材料作为附件发送。`),
  };
}

export function nestedArchiveProblem(archive: string, entry: string): Problem {
  return warning(
    NOT_OPENED.nestedArchive,
    `${archive}/${entry}`,
    `压缩包“${archive}”中的“${entry}”也是压缩包，未打开（不读取压缩包中的压缩包）。请把其中的文件解压出来，直接作为附件发送，或只压缩一层后发送。`,
  );
}
