/** A small unit registry for recognition tests; addresses use the reserved example.edu domain. */
import type { Unit } from '../../../src/domain/campaign/campaign-schema.js';

export const testUnits: readonly Unit[] = [
  { name: '电子信息工程学院', aliases: ['电信学院'], addresses: ['dianxin-office@example.edu'] },
  { name: '计算机科学与技术学院', aliases: ['计算机学院', '计算机与信息技术学院'], addresses: ['CS-Office@Example.edu'] },
  { name: '经济管理学院', aliases: ['经管学院'], addresses: [] },
  { name: '科学技术研究院', aliases: ['科研院'], addresses: [] },
  { name: '环境学院', aliases: [], addresses: [] },
  { name: '资源与环境学院', aliases: ['资环学院'], addresses: [] },
  { name: '软件学院', aliases: [], addresses: [] },
];
