import { Card, Col, Row, Statistic, Typography } from 'antd';
import { formatPercent } from '@landfall/domain';
import type { DashboardRates } from '../../api/dashboard.ts';
import { useI18n } from '../../i18n/useT.ts';

/** 资金到位率 · 开工率 · 履约率, each with the counts behind it. */
export function RateCards({ rates }: { rates: DashboardRates }) {
  const { t } = useI18n();
  const cards = [
    { key: 'fundingRate', title: t('rates.funding'), value: rates.fundingRate, note: t('rates.fundingNote') },
    {
      key: 'startRate',
      title: t('rates.start'),
      value: rates.startRate,
      note: t('rates.startNote', { started: rates.startedThisYear, signed: rates.signedThisYear }),
    },
    {
      key: 'fulfilmentRate',
      title: t('rates.fulfilment'),
      value: rates.fulfilmentRate,
      note: t('rates.fulfilmentNote', { onTime: rates.startedOnTime, due: rates.dueToStart }),
    },
  ] as const;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((card) => (
        <Col key={card.key} xs={24} md={8}>
          <Card size="small">
            <Statistic title={card.title} value={formatPercent(card.value)} valueStyle={{ fontSize: 20 }} />
            <Typography.Text type="secondary" data-testid={`rate-${card.key}`}>
              {card.note}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
