import { App, DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { inspectionInputSchema, inspectionRectifySchema, inspectionResultSchema } from '@landfall/domain';
import type { Inspection } from '../../api/coordination-types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateTextField, isFutureDay } from '../../components/formats.ts';
import { checkPayload } from '../../components/payloadCheck.ts';
import { useZodRule } from '../../components/useZodRule.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';
import { TextActionModal } from '../coordination/TextActionModal.tsx';
import { useUnits } from '../units/useUnits.ts';
import {
  useRecordInspectionResult,
  useReportRectification,
  useScheduleInspection,
} from './useInspections.ts';

/** 安排检查: which unit, when, on what. */
export function ScheduleModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const { data: me } = useMe();
  const units = useUnits(me?.tenantId, open);
  const schedule = useScheduleInspection();
  const [form] = Form.useForm<{ unitId: string; scheduledOn: string; topic: string }>();
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<{ unitId: string; scheduledOn: string; topic: string }>
      open={open}
      name="inspectionSchedule"
      title={t('inspections.scheduleTitle')}
      form={form}
      okText={t('inspections.schedule')}
      onClose={onClose}
      onSubmit={async (values) => {
        await schedule.mutateAsync(checkPayload(inspectionInputSchema, values, t, locale));
        void message.success(t('inspections.scheduled'));
      }}
    >
      <Form.Item name="unitId" label={t('inspections.unit')} required rules={required}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
        />
      </Form.Item>
      <Form.Item
        name="scheduledOn"
        label={t('inspections.scheduledOn')}
        required
        rules={required}
        {...dateTextField}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="topic"
        label={t('inspections.topic')}
        required
        rules={[rule(inspectionInputSchema.shape.topic)]}
      >
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

interface ResultValues {
  inspectedOn: string;
  findings: string;
  score: number;
  needsRectification: boolean;
  requirement?: string;
  dueOn?: string;
}

/** 检查结果: date, findings, score 0–100 and, when needed, the rectification with its deadline. */
export function ResultModal({ inspection, onClose }: { inspection: Inspection | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rule = useZodRule();
  const record = useRecordInspectionResult();
  const [form] = Form.useForm<ResultValues>();
  const needs = Form.useWatch('needsRectification', form) ?? false;
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <FormModal<ResultValues>
      open={inspection !== null}
      name="inspectionResult"
      title={t('inspections.resultTitle', { unit: inspection?.unitName ?? '' })}
      form={form}
      width={600}
      initialValues={{ inspectedOn: dayjs().format('YYYY-MM-DD'), needsRectification: false }}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!inspection) return;
        const input = checkPayload(
          inspectionResultSchema,
          {
            inspectedOn: values.inspectedOn,
            findings: values.findings,
            score: values.score,
            rectification: values.needsRectification
              ? { requirement: values.requirement ?? '', dueOn: values.dueOn }
              : null,
            version: inspection.version,
          },
          t,
          locale,
          (path) => (path[0] === 'rectification' ? [path[1] ?? 'requirement'] : path),
        );
        await record.mutateAsync({ id: inspection.id, input });
        void message.success(t('inspections.resultSaved'));
      }}
    >
      <Form.Item
        name="inspectedOn"
        label={t('inspections.inspectedOn')}
        required
        rules={required}
        {...dateTextField}
      >
        <DatePicker disabledDate={isFutureDay} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="findings"
        label={t('inspections.findings')}
        required
        rules={[rule(inspectionResultSchema.shape.findings)]}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item
        name="score"
        label={t('inspections.score')}
        extra={t('inspections.scoreHelp')}
        required
        rules={[rule(inspectionResultSchema.shape.score)]}
      >
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="needsRectification"
        label={t('inspections.needsRectification')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      {needs ? (
        <>
          <Form.Item name="requirement" label={t('inspections.requirement')} required rules={required}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="dueOn" label={t('inspections.dueOn')} required rules={required} {...dateTextField}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      ) : null}
    </FormModal>
  );
}

/** 报告整改: the inspected unit reports what it rectified. */
export function RectifyModal({
  inspection,
  onClose,
}: {
  inspection: Inspection | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rectify = useReportRectification();
  return (
    <TextActionModal
      open={inspection !== null}
      name="inspectionRectify"
      title={t('inspections.rectifyTitle', { topic: inspection?.topic ?? '' })}
      label={t('inspections.report')}
      okText={t('inspections.rectify')}
      maxLength={2000}
      schema={inspectionRectifySchema.shape.report}
      onClose={onClose}
      onSubmit={async (report) => {
        if (!inspection) return;
        await rectify.mutateAsync({ id: inspection.id, report, version: inspection.version });
        void message.success(t('inspections.rectified'));
      }}
    />
  );
}
