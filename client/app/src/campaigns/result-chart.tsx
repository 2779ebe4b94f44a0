import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '../i18n.ts';
import type { Figures } from './campaign-types.ts';

/** The stages a message goes through, in order: each a subset of the one before. */
export const STAGES = ['sent', 'delivered', 'opened', 'clicked', 'converted'] as const;
export type Stage = (typeof STAGES)[number];

export interface FunnelRow {
  /** A channel's or a variant's name, as shown. */
  label: string;
  figures: Pick<Figures, Stage>;
}

const colors = ['#0b5cad', '#b35900', '#1a7f37', '#8250df', '#bf3989'];
const dashes: (number[] | undefined)[] = [undefined, [6, 4], [2, 3], [10, 3, 2, 3], [4, 4]];
const axisColor = '#57606a';
const gridColor = '#e4e8ec';

const stageLabel = (s: Stage) => t(`campaigns.stage.${s}`);

/**
 * Sent, delivered, opened, clicked and converted per channel or variant: one line each across
 * the stages (uPlot), with the same figures as a table for those who do not see the canvas.
 */
export function FunnelChart({ title, rows, rowHeader }: { title: string; rows: FunnelRow[]; rowHeader: string }) {
  const target = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = rows.map((r) => r.label).join('|');
  const x = STAGES.map((_, i) => i);
  const data = [x, ...rows.map((r) => STAGES.map((s) => r.figures[s]))] as uPlot.AlignedData;

  useEffect(() => {
    const el = target.current;
    if (!el || rows.length === 0) return;
    const options: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height: 220,
      scales: { x: { time: false, range: [-0.2, STAGES.length - 0.8] }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] } },
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: false },
      axes: [
        { stroke: axisColor, grid: { stroke: gridColor }, ticks: { stroke: gridColor }, splits: () => x, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? stageLabel(STAGES[v]!) : '')) },
        { stroke: axisColor, grid: { stroke: gridColor }, ticks: { stroke: gridColor }, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? v.toLocaleString() : '')), size: 56 },
      ],
      series: [{ label: t('campaigns.stageLabel') }, ...rows.map((r, i) => ({ label: r.label, stroke: colors[i % colors.length], width: 2, dash: dashes[i % dashes.length], points: { show: true, size: 6 } }))],
    };
    const chart = new uPlot(options, data, el);
    plot.current = chart;
    const observer = new ResizeObserver(() => {
      const width = Math.max(el.clientWidth, 200);
      if (width !== chart.width) chart.setSize({ width, height: 220 });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  const captionId = `funnel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <figure class="dash-chart card" aria-labelledby={captionId}>
      <figcaption>
        <h3 id={captionId}>{title}</h3>
      </figcaption>
      <div class="dash-chart-plot" ref={target} aria-hidden="true" />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('chart.numbersOf', { title })}>
        <table class="dash-table funnel-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {STAGES.map((s) => (
                <th scope="col" class="num" key={s}>{stageLabel(s)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {STAGES.map((s) => (
                  <td class="num" key={s}>{r.figures[s].toLocaleString()}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
