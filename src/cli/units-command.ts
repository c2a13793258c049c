/**
 * `inbox-worker units [--json]`: the unit registry as the worker recognises it — each unit's
 * names, the addresses listed in units.yaml, and the addresses learned from the coordinator's
 * decisions on held mail (with the day they were learned).
 */
import type { App } from '../app/build-app.js';
import { shanghaiDate } from '../domain/digest/index.js';
import { withLearnedAddresses } from '../domain/recognition/index.js';

export interface UnitListing {
  name: string;
  aliases: string[];
  configured: string[];
  learned: { address: string; learnedAt: string }[];
}

export async function listUnits(app: Pick<App, 'config' | 'store'>): Promise<UnitListing[]> {
  const units = app.config.campaign.units;
  const learned = await app.store.learnedAddresses.all();
  // The same merge recognition uses, so the listing shows what is really in effect.
  const effective = withLearnedAddresses(units, learned);
  return units.map((u, i) => {
    const inEffect = new Set(effective[i]!.addresses);
    return {
      name: u.name,
      aliases: [...u.aliases],
      configured: [...u.addresses],
      learned: learned.filter((l) => l.unit === u.name && inEffect.has(l.address) && !u.addresses.includes(l.address)).map((l) => ({ address: l.address, learnedAt: l.learnedAt })),
    };
  });
}

export function formatUnits(listing: readonly UnitListing[]): string {
  const lines: string[] = [];
  for (const u of listing) {
    const names = u.aliases.length > 0 ? `${u.name}（${u.aliases.join('、')}）` : u.name;
    lines.push(names);
    lines.push(`  名录中的邮箱：${u.configured.length > 0 ? u.configured.join('、') : '无'}`);
    for (const l of u.learned) lines.push(`  记住的邮箱：${l.address}（${shanghaiDate(new Date(l.learnedAt))} 由您确认待定提交时记住）`);
  }
  const learnedCount = listing.reduce((n, u) => n + u.learned.length, 0);
  lines.push('', `共 ${listing.length} 个单位，记住的邮箱 ${learnedCount} 个。`);
  return lines.join('\n');
}
