/**
 * Sender addresses learned from the coordinator's decisions (docs/coordinator-guide.md): when she
 * assigns a held mail to a unit, its sender belongs to that unit from then on. units.yaml stays
 * hers and wins: an address she listed there is never re-assigned by what was learned. Pure.
 */
import type { Unit } from '../campaign/campaign-schema.js';
import { normalizeAddress } from './unit-matcher.js';

export interface LearnedAddress {
  address: string;
  unit: string;
  /** ISO-8601 UTC. */
  learnedAt: string;
}

/** The registry with learned addresses added to their units. */
export function withLearnedAddresses(units: readonly Unit[], learned: readonly LearnedAddress[]): Unit[] {
  if (learned.length === 0) return [...units];
  const configured = new Set(units.flatMap((u) => u.addresses.map(normalizeAddress)));
  const extra = new Map<string, string[]>();
  for (const l of learned) {
    const address = normalizeAddress(l.address);
    if (configured.has(address)) continue;
    extra.set(l.unit, [...(extra.get(l.unit) ?? []), address]);
  }
  return units.map((u) => (extra.has(u.name) ? { ...u, addresses: [...u.addresses, ...extra.get(u.name)!] } : u));
}

/**
 * Whether assigning a held mail from `address` to `unit` teaches anything: not when the address is
 * empty, is the worker's or the coordinator's own, or is already listed in units.yaml (for that
 * unit there is nothing to learn; for another, her file decides).
 */
export function isLearnable(address: string, units: readonly Unit[], ownAddresses: readonly string[]): boolean {
  const a = normalizeAddress(address);
  if (!a.includes('@')) return false;
  if (ownAddresses.some((o) => normalizeAddress(o) === a)) return false;
  return !units.some((u) => u.addresses.some((x) => normalizeAddress(x) === a));
}
