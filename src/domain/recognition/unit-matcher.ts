/**
 * Finds the unit of the registry that an address or a piece of free text names. Pure: built once
 * from the registry, then asked many times.
 */
import type { Unit } from '../campaign/campaign-schema.js';
import { normalizeForMatching } from './normalize.js';

/** What a text says about units: none, exactly one, or several different ones. */
export type UnitTextMatch =
  | { status: 'none' }
  | { status: 'unique'; unit: string; matched: string }
  | { status: 'ambiguous'; units: string[] };

export interface UnitMatcher {
  /** The unit whose registry lists this sender address (case-insensitive), or null. */
  byAddress(address: string): string | null;
  /** The unit named in the text by full name or alias, preferring the longest name found. */
  byText(text: string): UnitTextMatch;
}

interface Label {
  unit: string;
  /** The label as written in the registry, for messages. */
  written: string;
  normalized: string;
}

interface Occurrence {
  label: Label;
  start: number;
  end: number;
}

export function normalizeAddress(address: string): string {
  return address.trim().replace(/^<|>$/g, '').toLowerCase();
}

export function createUnitMatcher(units: readonly Unit[]): UnitMatcher {
  const byAddr = new Map<string, string>();
  const labels: Label[] = [];
  for (const unit of units) {
    for (const a of unit.addresses) byAddr.set(normalizeAddress(a), unit.name);
    for (const written of [unit.name, ...unit.aliases]) {
      const normalized = normalizeForMatching(written);
      if (normalized.length > 0) labels.push({ unit: unit.name, written, normalized });
    }
  }

  return {
    byAddress(address) {
      const key = normalizeAddress(address);
      return key === '' ? null : (byAddr.get(key) ?? null);
    },
    byText(text) {
      const haystack = normalizeForMatching(text);
      if (haystack === '') return { status: 'none' };
      const found = keepLongest(findAll(haystack, labels));
      const names = [...new Set(found.map((o) => o.label.unit))];
      if (names.length === 0) return { status: 'none' };
      if (names.length > 1) return { status: 'ambiguous', units: names };
      const longest = found.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      return { status: 'unique', unit: longest.label.unit, matched: longest.label.written };
    },
  };
}

function findAll(haystack: string, labels: readonly Label[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const label of labels) {
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(label.normalized, from);
      if (at < 0) break;
      out.push({ label, start: at, end: at + label.normalized.length });
      from = at + 1;
    }
  }
  return out;
}

/**
 * Drops a name found inside a longer name found at the same place: a registry holding both
 * `环境学院` and `资源与环境学院` must read `资源与环境学院` as that one unit, not as two.
 */
function keepLongest(found: readonly Occurrence[]): Occurrence[] {
  return found.filter(
    (o) => !found.some((p) => p !== o && p.start <= o.start && o.end <= p.end && p.end - p.start > o.end - o.start),
  );
}
