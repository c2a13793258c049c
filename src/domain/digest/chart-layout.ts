/**
 * The progress picture's geometry: one horizontal stacked bar per deliverable (done, with
 * warnings, needs correction, held, incomplete, missing). Pure numbers, shared by the HTML that
 * frames the picture and by the PNG renderer (src/adapters/files/progress-chart.ts).
 */
import type { DeliverableFigures } from './figures.js';
import { CHART_SEGMENTS, type ChartSegment } from './labels.js';
/** Content-ID the digest's HTML refers to (`<img src="cid:progress-chart">`, RFC 2392). */
export const PROGRESS_CHART_CID = 'progress-chart';

/** Logical (CSS pixel) geometry; the PNG is drawn at `scale` times this for sharp phone screens. */
export const CHART_LAYOUT = { width: 560, padding: 8, barHeight: 28, gap: 14 } as const;


export function chartLogicalSize(bars: number): { width: number; height: number } {
  const { width, padding, barHeight, gap } = CHART_LAYOUT;
  const n = Math.max(bars, 1);
  return { width, height: padding * 2 + n * barHeight + (n - 1) * gap };
}

export function segmentCounts(f: DeliverableFigures): Record<ChartSegment, number> {
  return {
    accepted: f.accepted,
    accepted_with_warnings: f.acceptedWithWarnings,
    needs_correction: f.needsCorrection,
    held: f.held,
    incomplete: f.incomplete,
    missing: f.missing,
  };
}

/**
 * Pixel widths of the segments, summing to exactly `barPixels` (largest remainder), so a bar is
 * always full length; a non-empty segment gets at least 2 px so that one unit out of thousands
 * still shows.
 */
export function segmentWidths(counts: Record<ChartSegment, number>, barPixels: number): Record<ChartSegment, number> {
  const total = CHART_SEGMENTS.reduce((sum, s) => sum + counts[s], 0);
  const widths = Object.fromEntries(CHART_SEGMENTS.map((s) => [s, 0])) as Record<ChartSegment, number>;
  if (total === 0) {
    widths.missing = barPixels;
    return widths;
  }
  const exact = CHART_SEGMENTS.map((s) => ({ s, x: (counts[s] / total) * barPixels }));
  for (const { s, x } of exact) widths[s] = Math.floor(x);
  let left = barPixels - CHART_SEGMENTS.reduce((sum, s) => sum + widths[s], 0);
  for (const { s } of [...exact].sort((a, b) => (b.x % 1) - (a.x % 1))) {
    if (left <= 0) break;
    widths[s]++;
    left--;
  }
  for (const s of CHART_SEGMENTS) {
    if (counts[s] === 0 || widths[s] >= 2) continue;
    const donor = CHART_SEGMENTS.reduce((a, b) => (widths[b] > widths[a] ? b : a));
    const need = 2 - widths[s];
    if (widths[donor] - need < 2) continue;
    widths[donor] -= need;
    widths[s] += need;
  }
  return widths;
}
