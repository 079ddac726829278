/**
 * Chart colours from the VS Code theme (`--vscode-*` CSS variables set on the webview's
 * <html>), with fallbacks for the HTML report. Re-read when the theme changes.
 */
export interface Palette {
  foreground: string;
  background: string;
  grid: string;
  /** One colour per run / series, in order. */
  series: string[];
  /** Heatmap cell colour at full intensity. */
  heat: string;
}

const seriesVars: [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'], ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'], ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'], ['--vscode-charts-yellow', '#cca700'],
];

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readPalette(doc: Document): Palette {
  const style = getComputedStyle(doc.documentElement);
  return {
    foreground: cssVar(style, '--vscode-foreground', '#cccccc'),
    background: cssVar(style, '--vscode-editor-background', '#1e1e1e'),
    grid: cssVar(style, '--vscode-editorWidget-border', cssVar(style, '--vscode-widget-border', '#454545')),
    series: seriesVars.map(([name, fallback]) => cssVar(style, name, fallback)),
    heat: cssVar(style, '--vscode-charts-orange', '#d18616'),
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
