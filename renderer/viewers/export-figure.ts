/**
 * "Export the current view": PNG from what is on screen — the view's canvases (uPlot) and inline SVG figures,
 * composited at their on-screen positions onto one white canvas — and SVG as the back end draws the same figure
 * (reports.figure), so the SVG is vector, not a screenshot.
 */
import { downloadText } from '../lib/files.ts';

function loadSvg(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const text = new XMLSerializer().serializeToString(svg);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the figure could not be rasterised'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

/** Composites every visible canvas and inline SVG inside `root` into one PNG blob. */
export async function viewToPng(root: HTMLElement): Promise<Blob> {
  const box = root.getBoundingClientRect();
  const k = devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.ceil(box.width * k);
  out.height = Math.ceil(box.height * k);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  for (const el of Array.from(root.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg'))) {
    if (el instanceof SVGSVGElement && el.closest('canvas, button')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const img = el instanceof HTMLCanvasElement ? el : await loadSvg(el).catch(() => null);
    if (img) ctx.drawImage(img, (r.left - box.left) * k, (r.top - box.top) * k, r.width * k, r.height * k);
  }
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(fileName: string, svg: string): void {
  downloadText(fileName, svg, 'image/svg+xml');
}
