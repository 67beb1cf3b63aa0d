import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws, bundled (no CDN). The ESM core build of echarts-for-react:
// its CommonJS build breaks under Vite 8.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
>;

/** The part of an ECharts click event the dashboard reads. */
export interface ChartClick {
  componentType: string;
  dataIndex?: number;
  /** Axis label clicks (triggerEvent): the category. */
  value?: unknown;
  name?: string;
}

/** One tooltip item (trigger 'item' gets one, trigger 'axis' a list). */
export interface TooltipItem {
  dataIndex: number;
  seriesName?: string;
  marker?: unknown;
  name?: string;
}

interface ChartProps {
  option: ChartOption;
  height?: number;
  /** Clicking a bar, slice or point (and axis labels with triggerEvent). */
  onClick?: (event: ChartClick) => void;
  testId?: string;
  /** Spoken by screen readers in place of the canvas. */
  label: string;
}

/** An ECharts canvas that follows its container's size; clicks drill down to the project library. */
export function Chart({ option, height = 300, onClick, testId, label }: ChartProps) {
  return (
    <div data-testid={testId} role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        lazyUpdate
        style={{ height, cursor: onClick ? 'pointer' : undefined }}
        onEvents={onClick ? { click: (event: ChartClick) => onClick(event) } : undefined}
      />
    </div>
  );
}

/** Tooltip markers come as HTML strings from ECharts. */
export const markerOf = (item: TooltipItem) => (typeof item.marker === 'string' ? item.marker : '');
