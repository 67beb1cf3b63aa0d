import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { formatPercent } from '@landfall/domain';
import type { DashboardRates, RatePart } from '../../api/dashboard.ts';
import type { Translate } from '../../i18n/context.ts';
import { useI18n } from '../../i18n/useT.ts';
import { formatMetricValue } from '../targets/metricValue.ts';

/**
 * 资金到位率 · 开工率 · 履约率, each with the counts behind it and, on hover, its formula with the
 * numbers in it (资金到位率 = 累计到位资金 ÷ 协议投资额 = 3.20 亿元 ÷ 12.50 亿元 = 25.60%).
 */
export function RateCards({ rates }: { rates: DashboardRates }) {
  const { t, locale } = useI18n();
  const money = (fen: number) => formatMetricValue(fen, 'money', locale);
  const formula = (key: Parameters<Translate>[0], part: RatePart, format: (n: number) => string) =>
    t(key, {
      numerator: format(part.numerator),
      denominator: format(part.denominator),
      rate: formatPercent(part.rate),
    });
  const cards = [
    {
      key: 'fundingRate',
      title: t('rates.funding'),
      value: rates.fundingRate,
      note: t('rates.fundingNote'),
      formula: formula('rates.fundingFormula', rates.funding, money),
    },
    {
      key: 'startRate',
      title: t('rates.start'),
      value: rates.startRate,
      note: t('rates.startNote', { started: rates.startedThisYear, signed: rates.signedThisYear }),
      formula: formula('rates.startFormula', rates.start, String),
    },
    {
      key: 'fulfilmentRate',
      title: t('rates.fulfilment'),
      value: rates.fulfilmentRate,
      note: t('rates.fulfilmentNote', { onTime: rates.startedOnTime, due: rates.dueToStart }),
      formula: formula('rates.fulfilmentFormula', rates.fulfilment, String),
    },
  ] as const;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((card) => (
        <Col key={card.key} xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={
                <Tooltip title={card.formula}>
                  <span data-testid={`rate-formula-${card.key}`} aria-label={card.formula}>
                    {card.title} <QuestionCircleOutlined />
                  </span>
                </Tooltip>
              }
              value={formatPercent(card.value)}
              valueStyle={{ fontSize: 20 }}
            />
            <Typography.Text type="secondary" data-testid={`rate-${card.key}`}>
              {card.note}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
