/**
 * What a submission is judged on: the facts of one mail after its files were opened. Gathering
 * them is I/O (gather-evidence.ts), and each form is judged cell by cell as it is read, in the
 * reading sandbox; judging the mail from them is pure (judge-submission.ts).
 */
import type { DownloadLink } from '../mail/message.js';
import type { Problem } from '../forms/problem.js';
import type { JudgedWorkbook } from '../forms/types.js';
import type { SubmittedAttachment } from '../recognition/index.js';

export interface WorkbookEvidence {
  /** MIME part of the attachment (of the enclosing zip for an entry). */
  part: string;
  /** The attachment's file name, or `archive.zip/path/inside.xlsx` for a zip entry. */
  name: string;
  /** Its forms, already judged cell by cell where they were read (the reading sandbox). */
  result: JudgedWorkbook;
}

export interface SubmissionEvidence {
  fromAddress: string;
  /** The mail's Authentication-Results header values (our server's verdict on the sender); absent for a lone file. */
  authenticationResults?: readonly string[];
  subject: string;
  /** When the mail reached the mailbox: newest Received, else Date (ISO UTC); null if neither. */
  receivedAt: string | null;
  links: readonly DownloadLink[];
  attachments: readonly SubmittedAttachment[];
  workbooks: readonly WorkbookEvidence[];
  /** Problems with files that are not workbooks (a zip that could not be opened). */
  fileProblems: readonly { part: string; name: string; problem: Problem }[];
}
