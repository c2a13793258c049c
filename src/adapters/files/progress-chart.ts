/**
 * The progress picture: one horizontal stacked bar per deliverable (done, with warnings, needs
 * correction, held, incomplete, missing), drawn pixel by pixel with pngjs — no browser, no
 * canvas, no fonts. The PNG carries no text on purpose: drawing Chinese needs a CJK font on the
 * server, so the labels and numbers sit in the HTML beside it, where the mail client draws them.
 */
import { PNG } from 'pngjs';
import { CHART_LAYOUT, chartLogicalSize, segmentCounts, segmentWidths } from '../../domain/digest/chart-layout.js';
import type { DeliverableFigures } from '../../domain/digest/figures.js';
import { CHART_SEGMENTS, SEGMENT_RGB } from '../../domain/digest/labels.js';

const DEFAULT_SCALE = 2;
const BACKGROUND: readonly [number, number, number] = [0xff, 0xff, 0xff];


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
