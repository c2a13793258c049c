import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifyUnit, isLearnable, withLearnedAddresses } from '../../../src/domain/recognition/index.js';

const units = [
  { name: '电子信息工程学院', aliases: ['电信学院'], addresses: ['dx@bjtu.edu.cn'] },
  { name: '计算机科学与技术学院', aliases: ['计算机学院'], addresses: [] },
];
const at = '2025-05-03T02:00:00.000Z';

describe('addresses learned from the coordinator’s decisions', () => {
  it('a learned address recognises its unit by the sender alone', () => {
    const before = identifyUnit({ fromAddress: 'Li@Example.edu.cn', headerUnitTexts: [], subject: '推荐表', units });
    assert.equal(before.held?.reason, 'unknown_unit');
    const merged = withLearnedAddresses(units, [{ address: 'li@example.edu.cn', unit: '计算机科学与技术学院', learnedAt: at }]);
    const after = identifyUnit({ fromAddress: 'Li@Example.edu.cn', headerUnitTexts: [], subject: '推荐表', units: merged });
    assert.deepEqual([after.unit, after.by, after.held], ['计算机科学与技术学院', 'address', null]);
  });

  it('units.yaml wins: an address she listed for a unit is not moved by what was learned', () => {
    const merged = withLearnedAddresses(units, [{ address: 'dx@bjtu.edu.cn', unit: '计算机科学与技术学院', learnedAt: at }]);
    assert.deepEqual(merged.map((u) => u.addresses), [['dx@bjtu.edu.cn'], []]);
  });

  it('a learned address whose unit left the registry is dropped', () => {
    assert.deepEqual(withLearnedAddresses(units, [{ address: 'x@example.edu.cn', unit: '已撤销学院', learnedAt: at }]), units);
  });

  it('nothing is learned from her own address, the mailbox’s, an empty one, or one already in units.yaml', () => {
    const own = ['mywu@bjtu.edu.cn'];
    assert.equal(isLearnable('li@example.edu.cn', units, own), true);
    assert.equal(isLearnable('MYWU@bjtu.edu.cn', units, own), false);
    assert.equal(isLearnable('', units, own), false);
    assert.equal(isLearnable('dx@bjtu.edu.cn', units, own), false);
  });
});
