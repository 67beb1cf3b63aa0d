import { useState } from 'react';
import { Button, Space } from 'antd';
import { AuditOutlined, CheckSquareOutlined } from '@ant-design/icons';
import type { Inspection } from '../../api/coordination-types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCanOnUnit } from '../auth/useMe.ts';
import { RectifyModal, ResultModal } from './InspectionModals.tsx';

/** 录入结果 (the coordinator, once) and 报告整改 (the inspected unit, while rectification is pending). */
export function InspectionActions({ inspection, size }: { inspection: Inspection; size?: 'small' }) {
  const { t } = useI18n();
  const canOnUnit = useCanOnUnit();
  const [dialog, setDialog] = useState<'result' | 'rectify' | null>(null);
  const canRecord = inspection.status === 'scheduled' && canOnUnit('inspection.write', inspection.unitId);
  const canRectify =
    inspection.rectification.status === 'pending' && canOnUnit('inspection.rectify', inspection.unitId);
  return (
    <>
      <Space size={4} wrap>
        {canRecord ? (
          <Button size={size} icon={<AuditOutlined />} onClick={() => setDialog('result')}>
            {t('inspections.recordResult')}
          </Button>
        ) : null}
        {canRectify ? (
          <Button
            size={size}
            type="primary"
            icon={<CheckSquareOutlined />}
            onClick={() => setDialog('rectify')}
          >
            {t('inspections.rectify')}
          </Button>
        ) : null}
      </Space>
      <ResultModal inspection={dialog === 'result' ? inspection : null} onClose={() => setDialog(null)} />
      <RectifyModal inspection={dialog === 'rectify' ? inspection : null} onClose={() => setDialog(null)} />
    </>
  );
}
