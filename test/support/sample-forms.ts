/** Filled forms for end-to-end tests, made from the shipped definitions (valid, or with known mistakes). */
import { loadCampaignConfig } from '../../src/config/load-config.js';
import { loadFormDefinitions } from '../../src/config/form-definitions.js';
import { buildFilledForm } from '../domain/forms/fixture-builder.js';
import { projectRoot } from './worker-env.js';

const { campaign } = loadCampaignConfig(`${projectRoot}/config`);
const defs = loadFormDefinitions(`${projectRoot}/config`, campaign);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function activity(n: number, overrides: Record<string, unknown> = {}) {
  return {
    name: `科普活动${n}`,
    category: '成果科普',
    activityForm: '线下',
    startDate: day('2025-05-20'),
    endDate: day('2025-05-21'),
    place: '思源楼',
    audience: '本科生',
    expectedParticipants: 100 + n,
    leader: '李明',
    leaderPhone: '13800138000',
    summary: '面向师生的科普活动。',
    ...overrides,
  };
}

export function recommendationForm(unit: string, rows: Record<string, unknown>[]): Promise<Buffer> {
  return buildFilledForm(defs.recommendation, campaign, { header: { unit, contact: '王老师', phone: '13800000000', email: 'kx@example.edu.cn' }, rows });
}
