import type { ComponentChildren } from 'preact';
import { t } from '../i18n.ts';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Dashed lines tell series apart without relying on colour alone. */
  dash?: number[];
}

export interface TimeChartProps {
  /** The chart's name: the figure's caption heading and the table's caption. */
  title: string;
  /** Unix seconds, one per point. */
  x: number[];
  series: ChartSeries[];
  /** What an x value is ("Day", "Hour"): the table's first column and the legend's. */
  xLabel?: string;
  /** How an x value reads in the table ("Mar 4", "14:00"). */
  formatX: (seconds: number) => string;
  /** How a y value reads on the axis and in the table. */
  formatY?: (value: number) => string;
  /** Totals or a summary in words, shown under the chart. */
  summary: ComponentChildren;
  height?: number;
  /** x values are UTC days: label them as such, whatever the viewer's time zone. */
  utc?: boolean;
}

const axisColor = '#57606a';
const gridColor = '#e4e8ec';

/**
 * A uPlot time chart that follows its container's width, with a caption and the same numbers
 * as a table for those who do not see the canvas (and for anyone who wants exact figures).
 */
export function TimeChart({ title, x, series, formatX, formatY = String, summary, height = 220, utc = false, xLabel = t('chart.when') }: TimeChartProps) {
  const target = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The series' labels and colours decide the chart's options; data alone is set in place.
  const shape = series.map((s) => `${s.label}:${s.color}:${s.dash?.join(',') ?? ''}`).join('|');
  const data = [x, ...series.map((s) => s.values)] as uPlot.AlignedData;

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const options: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height,
      ...(utc ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: true },
      scales: { y: { range: (_u, _min, max) => [0, niceMax(max)] } },
      axes: [
        { stroke: axisColor, grid: { stroke: gridColor }, ticks: { stroke: gridColor } },
        { stroke: axisColor, grid: { stroke: gridColor }, ticks: { stroke: gridColor }, values: (_u, splits) => splits.map((v) => formatY(v)), size: 56 },
      ],
      series: [
        { label: xLabel, value: (_u, v) => (v === null ? '–' : formatX(v)) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          dash: s.dash,
          points: { show: x.length <= 31, size: 5 },
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : formatY(v)),
        })),
      ],
    };
    const chart = new uPlot(options, data, el);
    plot.current = chart;
    const observer = new ResizeObserver(() => {
      const width = Math.max(el.clientWidth, 200);
      if (width !== chart.width) chart.setSize({ width, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, utc, xLabel]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  const captionId = `chart-${slug(title)}`;
  return (
    <figure class="dash-chart card" aria-labelledby={captionId}>
      <figcaption>
        <h3 id={captionId}>{title}</h3>
        <p class="muted dash-chart-summary">{summary}</p>
      </figcaption>
      {/* The canvas is decoration for screen readers: the table below carries the numbers. */}
      <div class="dash-chart-plot" ref={target} aria-hidden="true" />
      <details class="dash-chart-table">
        <summary>{t('chart.showNumbers')}</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('chart.numbersOf', { title })}>
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{xLabel}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>{s.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {x.map((t, i) => (
                <tr key={t}>
                  <th scope="row">{formatX(t)}</th>
                  {series.map((s) => (
                    <td key={s.label}>{s.values[i] === null || s.values[i] === undefined ? '–' : formatY(s.values[i]!)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** A y-axis top that leaves room above the highest point and is never 0 (an empty chart still has an axis). */
function niceMax(max: number | null): number {
  if (max === null || !Number.isFinite(max) || max <= 0) return 1;
  if (max < 5) return Math.ceil(max) + 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil((max * 1.1) / step) * step;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
