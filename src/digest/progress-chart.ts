/**
 * The progress picture: one horizontal stacked bar per deliverable (done, with warnings, needs
 * correction, held, incomplete, missing), drawn pixel by pixel with pngjs — no browser, no
 * canvas, no fonts. The PNG carries no text on purpose: drawing Chinese needs a CJK font on the
 * server, so the labels and numbers sit in the HTML beside it, where the mail client draws them.
 */
import { PNG } from 'pngjs';
import type { DeliverableFigures } from './figures.js';
import { CHART_SEGMENTS, SEGMENT_RGB, type ChartSegment } from './labels.js';

/** Content-ID the digest's HTML refers to (`<img src="cid:progress-chart">`, RFC 2392). */
export const PROGRESS_CHART_CID = 'progress-chart';

/** Logical (CSS pixel) geometry; the PNG is drawn at `scale` times this for sharp phone screens. */
export const CHART_LAYOUT = { width: 560, padding: 8, barHeight: 28, gap: 14 } as const;

const DEFAULT_SCALE = 2;
const BACKGROUND: readonly [number, number, number] = [0xff, 0xff, 0xff];

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

export interface ChartOptions {
  /** Device pixels per CSS pixel. @defaultValue 2 */
  scale?: number;
}

export function renderProgressChart(figures: readonly DeliverableFigures[], options: ChartOptions = {}): Buffer {
  const scale = options.scale ?? DEFAULT_SCALE;
  const logical = chartLogicalSize(figures.length);
  const png = new PNG({ width: logical.width * scale, height: logical.height * scale });
  fill(png, 0, 0, png.width, png.height, BACKGROUND);
  const { padding, barHeight, gap } = CHART_LAYOUT;
  const barPixels = (logical.width - padding * 2) * scale;
  figures.forEach((f, i) => {
    const top = (padding + i * (barHeight + gap)) * scale;
    const widths = segmentWidths(segmentCounts(f), barPixels);
    let x = padding * scale;
    for (const s of CHART_SEGMENTS) {
      fill(png, x, top, widths[s], barHeight * scale, SEGMENT_RGB[s]);
      x += widths[s];
    }
  });
  return PNG.sync.write(png);
}

function fill(png: PNG, x0: number, y0: number, w: number, h: number, rgb: readonly [number, number, number]): void {
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const i = (y * png.width + x) * 4;
      png.data[i] = rgb[0];
      png.data[i + 1] = rgb[1];
      png.data[i + 2] = rgb[2];
      png.data[i + 3] = 0xff;
    }
  }
}
