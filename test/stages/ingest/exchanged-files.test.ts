/**
 * Which files of a reply in our thread were already exchanged with its sender (docs/trust.md,
 * "No loops"), on both engines. What we attached to our own mails is read from the outbox, where
 * each row keeps its files' digests (migration 009): no raw mail of ours is read or parsed again.
 * A row written before the migration keeps none, and its raw mail is still parsed.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createBlobStore, type BlobStore } from '../../../src/adapters/blobs/blob-store.js';
import { attachmentDigestsOfOwnMail } from '../../../src/adapters/mime/attachment-digests.js';
import { attachmentDigests, buildAndStore, buildMime, type OutgoingMail } from '../../../src/adapters/smtp/build-mime.js';
import { outboxMail } from '../../../src/adapters/store/outbox-row.js';
import type { AttachmentInfo } from '../../../src/domain/mail/message.js';
import { exchangedFiles } from '../../../src/stages/ingest/exchanged-files.js';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';
import { activity, recommendationForm } from '../../support/sample-forms.js';

const UNIT = 'office@unit-a.edu.cn';
const sha256 = (bytes: Buffer) => attachmentDigests({ attachments: [{ filename: 'f', content: bytes }] })[0]!;
const file = (bytes: Buffer, part: string): AttachmentInfo => ({ part, filename: `${part}.xlsx`, declaredType: 'application/octet-stream', sniffedType: 'xlsx', size: bytes.length, sha256: sha256(bytes), nestedIn: null });
const replyFrom = (...files: AttachmentInfo[]) => ({ from: { address: UNIT, name: '甲学院' }, attachments: files });

/** A blob store whose reads fail: a lookup that reads no raw mail of ours passes with it. */
const noReads: Pick<BlobStore, 'read'> = {
  read: (sha) => Promise.reject(new Error(`raw mail ${sha.slice(0, 8)} read: the digests were in the outbox`)),
};

for (const engine of engines) {
  describe(`[${engine}] exchanged files: what we attached, read from the outbox`, () => {
    let t: TestStore;
    let blobs: BlobStore;
    let annotated: Buffer;
    const template = Buffer.from('blank template bytes');
    const own = Buffer.from('a file of the unit’s own, never exchanged');
    let minute = 0;

    before(async () => {
      t = await openTestStore(engine);
      blobs = createBlobStore(path.join(t.dataDir, 'blobs'));
      annotated = await recommendationForm('甲学院', [activity(1)]);
    });
    after(() => t?.dispose());

    /** A correction request to the unit, built, stored and claimed as the reply job does. */
    async function writeReply(key: string, attachments: OutgoingMail['attachments']): Promise<{ rawSha256: string; raw: Buffer; outgoing: OutgoingMail }> {
      const at = new Date(Date.UTC(2026, 11, 5, 1, (minute += 1)));
      const outgoing: OutgoingMail = {
        from: { name: '科普活动', address: 'kepu@example.edu.cn' },
        to: [{ name: '甲学院', address: UNIT }],
        subject: '【修改通知】推荐表',
        text: '请修改后重新发送。',
        html: '<p>请修改后重新发送。</p>',
        messageId: `<reply.${key}@example.edu.cn>`,
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Inbox-Worker': '1' },
        attachments,
        date: at,
      };
      // As the reply job writes its row (buildAndStore): the bytes stored, the files' digests kept.
      const { raw, rawSha256, attachmentSha256 } = await buildAndStore(outgoing, blobs);
      await t.store.outbox.claim(
        outboxMail({ id: `reply-${key}`, purpose: 'reply', subjectKey: key, messageId: `reply.${key}@example.edu.cn`, recipient: UNIT, kind: 'correction_request', title: outgoing.subject, rawSha256, attachmentSha256, at }),
      );
      return { rawSha256, raw, outgoing };
    }

    it('the unit’s auto-responder sends back the workbook we annotated: recognised from the outbox row, no raw mail of ours read', async () => {
      await writeReply('m1', [
        { filename: '推荐表（标注）.xlsx', content: annotated },
        { filename: '推荐表（空白）.xlsx', content: template },
      ]);
      const back = file(annotated, '2');
      const known = await exchangedFiles(replyFrom(back, file(template, '3'), file(own, '4')), 'incoming-1', { messages: t.store.messages, outbox: t.store.outbox, blobs: noReads });
      assert.deepEqual([...known].sort(), [sha256(annotated), sha256(template)].sort(), 'ours are known; the unit’s own file is new');
    });

    it('a file we attached to a mail written before migration 009 (no digests kept) is still recognised, by parsing that mail alone', async () => {
      const older = Buffer.from('a template attached by an older release');
      const old = await writeReply('m0', [{ filename: '旧模板.xlsx', content: older }]);
      await t.store.db.updateTable('outbox').set({ attachment_sha256_json: null }).where('id', '=', 'reply-m0').execute();
      const read: string[] = [];
      const counting: Pick<BlobStore, 'read'> = { read: (sha) => (read.push(sha), blobs.read(sha)) };

      const known = await exchangedFiles(replyFrom(file(older, '2'), file(annotated, '3'), file(own, '4')), 'incoming-2', { messages: t.store.messages, outbox: t.store.outbox, blobs: counting });
      assert.deepEqual([...known].sort(), [sha256(older), sha256(annotated)].sort());
      assert.deepEqual(read, [old.rawSha256], 'only the row without digests was read');
    });

    it('when the outbox rows answer it all, the old row is not read either', async () => {
      const known = await exchangedFiles(replyFrom(file(annotated, '2')), 'incoming-3', { messages: t.store.messages, outbox: t.store.outbox, blobs: noReads });
      assert.deepEqual([...known], [sha256(annotated)]);
    });
  });
}

describe('the digests an outbox row keeps are the ones a parse of the built mail finds', () => {
  it('a digest mail (an inline chart and the merged workbook) and a reply with two workbooks: same digests as mailparser reads', async () => {
    const base = { from: { name: '科普活动', address: 'kepu@example.edu.cn' }, to: [{ name: '', address: UNIT }], subject: '汇总', text: '见附件', html: '<p>见附件</p><img src="cid:chart">', messageId: '<d@example.edu.cn>', date: new Date('2026-12-05T01:00:00Z') };
    for (const attachments of [
      [
        { filename: 'progress.png', content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), contentType: 'image/png', cid: 'chart', inline: true },
        { filename: '汇总.xlsx', content: await recommendationForm('甲学院', [activity(2)]), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      ],
      [
        { filename: '推荐表（标注）.xlsx', content: await recommendationForm('乙学院', [activity(3)]) },
        { filename: '推荐表（空白）.xlsx', content: Buffer.from('blank template bytes') },
      ],
      [],
    ]) {
      const outgoing: OutgoingMail = { ...base, attachments };
      assert.deepEqual(attachmentDigests(outgoing).sort(), (await attachmentDigestsOfOwnMail(await buildMime(outgoing))).sort());
    }
  });
});
