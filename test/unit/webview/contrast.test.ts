import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { contrastRatio, parseColor, withContrast, type Rgb } from '../../../webview/contrast';

test('contrast ratios of known pairs (WCAG 2.1 definition)', () => {
  // Black on white is (1 + 0.05) / (0 + 0.05) = 21; a colour against itself is 1.
  assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]), 21);
  assert.equal(contrastRatio([30, 30, 30], [30, 30, 30]), 1);
  // #777777 on white: luminance ((0.4667 + 0.055) / 1.055)^2.4 = 0.1845, (1.05) / (0.2345) = 4.48.
  assert.equal(contrastRatio(parseColor('#777777')!, parseColor('#ffffff')!).toFixed(2), '4.48');
  assert.deepEqual(parseColor('rgba(1, 2, 3, 0.5)'), [1, 2, 3]);
  assert.deepEqual(parseColor('#abc'), [0xaa, 0xbb, 0xcc]);
  assert.equal(parseColor('teal'), null);
});

test('withContrast always reaches 3:1 against any background (seeded)', () => {
  const rgb = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }));
  fc.assert(fc.property(rgb, rgb, (colour, background) => contrastRatio(withContrast(colour as Rgb, background as Rgb), background as Rgb) >= 3 - 1e-9), { seed: 15, numRuns: 2000 });
});
