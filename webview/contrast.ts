/**
 * WCAG 2.1 relative luminance and contrast ratio of sRGB colours, and a colour nudged until it
 * reaches a ratio against a background (graphics need 3:1, WCAG 2.1 SC 1.4.11). Pure.
 */

export type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb`, `#rrggbbaa` or `rgb()/rgba()` to 0..255 channels; null when unknown. */
export function parseColor(color: string): Rgb | null {
  const c = color.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(c)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((h) => h + h).join('') : hex.slice(0, 6);
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance, 0 (black) .. 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (v: number): number => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 .. 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * `color` as is when it has `min` contrast against `background`, else mixed step by step towards
 * white (dark background) or black (light background) until it has, 3:1 at most (`min` ≤ 4.5
 * is always reachable): the hue stays recognisable.
 */
export function withContrast(color: Rgb, background: Rgb, min = 3): Rgb {
  // Towards whichever of white and black stands out more from the background (one always has ≥ 4.58:1).
  const target: Rgb = contrastRatio([255, 255, 255], background) >= contrastRatio([0, 0, 0], background) ? [255, 255, 255] : [0, 0, 0];
  let c = color;
  for (let k = 1; contrastRatio(c, background) < min && k <= 10; k++) {
    const t = k / 10;
    c = color.map((v, i) => v + (target[i]! - v) * t) as Rgb;
  }
  return c;
}
