import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { engines, openTestStore, type TestStore } from '../../support/databases.js';

for (const engine of engines) {
  describe(`[${engine}] learned addresses`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(() => t?.dispose());

    it('an address is stored lower-case; a later decision moves it to another unit; `of` gives one address’s; `since` gives the day’s', async () => {
      const repo = t.store.learnedAddresses;
      await repo.learn({ address: 'Li@Example.edu.cn', unit: '交通运输学院', sourceMessageId: 'm1', decisionMessageId: 'd1', at: '2025-05-03T02:00:00.000Z' });
      await repo.learn({ address: 'wang@example.edu.cn', unit: '法学院', sourceMessageId: 'm2', decisionMessageId: 'd2', at: '2025-05-04T02:00:00.000Z' });
      assert.deepEqual(await repo.all(), [
        { address: 'li@example.edu.cn', unit: '交通运输学院', learnedAt: '2025-05-03T02:00:00.000Z' },
        { address: 'wang@example.edu.cn', unit: '法学院', learnedAt: '2025-05-04T02:00:00.000Z' },
      ]);
      await repo.learn({ address: 'li@example.edu.cn', unit: '经济管理学院', sourceMessageId: 'm3', decisionMessageId: 'd3', at: '2025-05-05T02:00:00.000Z' });
      assert.equal(await repo.has('LI@example.edu.cn'), true);
      assert.equal(await repo.has('zhao@example.edu.cn'), false);
      // What judging a mail from one sender reads: that address's entry alone, as it stands now.
      assert.deepEqual(await repo.of(' LI@example.edu.cn'), [{ address: 'li@example.edu.cn', unit: '经济管理学院', learnedAt: '2025-05-05T02:00:00.000Z' }]);
      assert.deepEqual(await repo.of('zhao@example.edu.cn'), []);
      assert.deepEqual((await repo.since('2025-05-04T12:00:00.000Z')).map((l) => [l.address, l.unit]), [['li@example.edu.cn', '经济管理学院']]);
    });
  });
}
