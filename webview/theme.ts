/**
 * Chart colours from the VS Code theme (`--vscode-*` CSS variables set on the webview's
 * <html>), with fallbacks for the HTML report. Each variant and each trace role has one colour
 * of its own (baseline is always blue, patched always orange, ...), chosen per theme kind
 * (light, dark, high contrast) and nudged until it has 3:1 contrast against the theme's
 * background (contrast.ts). Re-read when the theme changes.
 */
import { contrastRatio, parseColor, toHex, withContrast, type Rgb } from './contrast';

/** What a run is, for its colour: a simulated variant, or a trace in its place in the view. */
export type SeriesRole = 'baseline' | 'patched' | 'lockless' | 'trace' | 'before' | 'after' | 'other';
export const SERIES_ROLES: readonly SeriesRole[] = ['baseline', 'patched', 'lockless', 'trace', 'before', 'after', 'other'];

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Palette {
  kind: ThemeKind;
  foreground: string;
  background: string;
  grid: string;
  /** One colour per role, each with ≥ 3:1 contrast against `background`. */
  roles: Record<SeriesRole, string>;
  /** Heatmap cell colour at full intensity. */
  heat: string;
}

/**
 * Base colours per theme kind: blue, orange, green (Okabe–Ito hues, told apart with the common
 * colour-vision deficiencies), then magenta, purple and vermilion for traces.
 */
const BASE: Record<ThemeKind, Record<SeriesRole, string>> = {
  'dark': { baseline: '#4ea1ff', patched: '#ffa630', lockless: '#3ccf91', trace: '#f07ce0', before: '#b99bff', after: '#ff7b5c', other: '#d0d0d0' },
  'light': { baseline: '#005fb8', patched: '#b35400', lockless: '#00795a', trace: '#a6117f', before: '#5b3fb0', after: '#c0321c', other: '#555555' },
  'high-contrast': { baseline: '#79b8ff', patched: '#ffc14d', lockless: '#5cf2b0', trace: '#ff99f0', before: '#cdb6ff', after: '#ff9b82', other: '#ffffff' },
  'high-contrast-light': { baseline: '#0040a0', patched: '#8a3b00', lockless: '#005c40', trace: '#7d0060', before: '#46269a', after: '#9c1c0a', other: '#000000' },
};

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/** The theme kind from VS Code's body class (`vscode-light`, `vscode-dark`, `vscode-high-contrast`, `vscode-high-contrast-light`), else from the background's luminance. */
export function themeKind(doc: Document, background: Rgb | null): ThemeKind {
  const c = doc.body?.classList;
  if (c?.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c?.contains('vscode-high-contrast')) return 'high-contrast';
  if (c?.contains('vscode-light')) return 'light';
  if (c?.contains('vscode-dark')) return 'dark';
  return background && contrastRatio(background, [255, 255, 255]) < contrastRatio(background, [0, 0, 0]) ? 'light' : 'dark';
}

export function readPalette(doc: Document): Palette {
  const style = getComputedStyle(doc.documentElement);
  const background = cssVar(style, '--vscode-editor-background', '#1e1e1e');
  const bg = parseColor(background);
  const kind = themeKind(doc, bg);
  const roles = {} as Record<SeriesRole, string>;
  for (const role of SERIES_ROLES) {
    const base = parseColor(BASE[kind][role])!;
    roles[role] = bg ? toHex(withContrast(base, bg)) : BASE[kind][role];
  }
  return {
    kind,
    foreground: cssVar(style, '--vscode-foreground', '#cccccc'),
    background,
    grid: cssVar(style, '--vscode-editorWidget-border', cssVar(style, '--vscode-widget-border', '#454545')),
    roles,
    heat: roles.patched,
  };
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour with its alpha replaced by `alpha` (0..1), as `rgba(...)`. */
export function withAlpha(color: string, alpha: number): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return color;
  probe.fillStyle = '#000';
  probe.fillStyle = color;
  const normal = String(probe.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex) return `rgba(${parseInt(hex[1]!, 16)}, ${parseInt(hex[2]!, 16)}, ${parseInt(hex[3]!, 16)}, ${alpha})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(normal);
  return rgba ? `rgba(${rgba[1]!.trim()}, ${rgba[2]!.trim()}, ${rgba[3]!.trim()}, ${alpha})` : color;
}

/** Calls `onChange` when VS Code switches theme (it rewrites <body class> and <html style>). */
export function watchTheme(doc: Document, onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style'] });
}
