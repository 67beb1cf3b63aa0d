import { Badge } from 'antd';
import { trafficLightLabels, type TrafficLight as Light } from '@landfall/domain';
import { useI18n } from '../../i18n/useT.ts';

export const lightColors: Record<Light, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#f5222d',
  grey: '#bfbfbf',
};

/** 红绿灯: a coloured dot with what it means (达到序时进度, 略低于…, 明显滞后, 未下达目标). */
export function TrafficLight({ light, testId }: { light: Light; testId?: string }) {
  const { t, locale } = useI18n();
  return (
    <span data-testid={testId} data-light={light} title={t(`light.${light}`)}>
      <Badge color={lightColors[light]} text={trafficLightLabels[light][locale]} />
    </span>
  );
}
