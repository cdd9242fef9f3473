/**
 * A framework-free uPlot chart of displacement curves (time in seconds, displacement in µm). The component
 * above it only attaches it to an element, feeds it data and sizes it.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#111827', '#6b7280'];

export interface MotionPlot {
  setData(t: Float64Array, series: { label: string; values: Float64Array }[]): void;
  setSize(width: number): void;
  destroy(): void;
}

export function createMotionPlot(el: HTMLElement, height = 220): MotionPlot {
  let plot: uPlot | null = null;
  let labels: string[] = [];
  let width = Math.max(el.clientWidth, 300);

  function build(series: { label: string }[], data: uPlot.AlignedData): void {
    plot?.destroy();
    const isTotal = (l: string) => l.startsWith('total');
    plot = new uPlot({
      width, height,
      scales: { x: { time: false } },
      axes: [{ label: 'time (s)' }, { label: 'displacement (µm)' }],
      series: [{ label: 't (s)' }, ...series.map((s, i) => ({
        label: s.label, stroke: isTotal(s.label) ? '#111827' : COLORS[i % COLORS.length],
        width: isTotal(s.label) ? 2 : 1.5, points: { show: false }, dash: isTotal(s.label) && i > 0 && series[i - 1].label.startsWith('total') ? [6, 4] : undefined,
      }))],
      legend: { live: true },
    }, data, el);
  }

  return {
    setData(t, series) {
      const data = [t, ...series.map((s) => s.values)] as unknown as uPlot.AlignedData;
      const next = series.map((s) => s.label);
      if (!plot || next.join('\n') !== labels.join('\n')) {
        labels = next;
        build(series, data);
      } else {
        plot.setData(data);
      }
    },
    setSize(w) {
      width = Math.max(w, 300);
      plot?.setSize({ width, height });
    },
    destroy() {
      plot?.destroy();
      plot = null;
    },
  };
}
