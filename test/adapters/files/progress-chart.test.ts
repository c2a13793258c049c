import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { renderProgressChart } from '../../../src/adapters/files/progress-chart.js';
import { composeDigest, segmentWidths } from '../../../src/domain/digest/index.js';
import { SEGMENT_RGB, type ChartSegment } from '../../../src/domain/digest/labels.js';
import { seededInput } from '../../domain/digest/seed.js';

/** Runs of bar colours along one pixel row, as [segment, width]. */
function colourRuns(png: PNG, y: number): [ChartSegment | 'background', number][] {
  const byColour = new Map(Object.entries(SEGMENT_RGB).map(([s, rgb]) => [rgb.join(','), s as ChartSegment]));
  const runs: [ChartSegment | 'background', number][] = [];
  for (let x = 0; x < png.width; x++) {
    const i = (y * png.width + x) * 4;
    const name = byColour.get([png.data[i], png.data[i + 1], png.data[i + 2]].join(',')) ?? 'background';
    const last = runs.at(-1);
    if (last && last[0] === name) last[1]++;
    else runs.push([name, 1]);
  }
  return runs.filter(([name]) => name !== 'background');
}

describe('the digest shows progress as a picture the coordinator reads at a glance', () => {
  const { figures } = composeDigest(seededInput());
  const png = PNG.sync.read(renderProgressChart(figures));

  it('is a real PNG of the size the HTML announces, drawn at twice the CSS size for phone screens', () => {
    // 560 × (8 + 28 + 14 + 28 + 8) CSS pixels, as in <img width="560" height="86">.
    assert.deepEqual([png.width, png.height], [1120, 172]);
  });

  it('each bar is split in proportion: 8 units over 1088 px is 136 px per unit', () => {
    const recommendationRow = (8 + 14) * 2; // inside the first bar
    assert.deepEqual(colourRuns(png, recommendationRow), [
      ['accepted', 3 * 136],
      ['accepted_with_warnings', 136],
      ['needs_correction', 136],
      ['held', 136],
      ['missing', 2 * 136],
    ]);
    const reportRow = (8 + 28 + 14 + 14) * 2; // inside the second bar
    assert.deepEqual(colourRuns(png, reportRow), [
      ['accepted', 136],
      ['incomplete', 136],
      ['missing', 6 * 136],
    ]);
  });

  it('the gap between bars is blank: no text, no stray pixels', () => {
    assert.deepEqual(colourRuns(png, (8 + 28 + 7) * 2), []);
  });

  it('widths always fill the bar exactly, and one unit among thousands still shows', () => {
    const thirds = segmentWidths({ accepted: 1, accepted_with_warnings: 1, needs_correction: 1, held: 0, incomplete: 0, missing: 0 }, 1088);
    assert.equal(thirds.accepted + thirds.accepted_with_warnings + thirds.needs_correction, 1088);
    const one = segmentWidths({ accepted: 0, accepted_with_warnings: 0, needs_correction: 1, held: 0, incomplete: 0, missing: 4999 }, 1088);
    assert.deepEqual([one.needs_correction, one.missing], [2, 1086]);
    const none = segmentWidths({ accepted: 0, accepted_with_warnings: 0, needs_correction: 0, held: 0, incomplete: 0, missing: 0 }, 1088);
    assert.equal(none.missing, 1088);
  });
});
