import { Card } from 'antd';
import { useI18n } from '../../i18n/useT.ts';
import { useCan } from '../auth/useMe.ts';
import { MatterTable } from './MatterTable.tsx';
import { useMatters } from './useMatters.ts';

/** 本项目的协调事项 on a project's page, for those who may read matters. */
export function ProjectMattersCard({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const readable = can('matter.read');
  const matters = useMatters({ projectId, pageSize: 50 }, readable);
  if (!readable || (matters.data?.total ?? 0) === 0) return null;
  return (
    <Card size="small" title={t('matters.onProject')}>
      <MatterTable
        matters={matters.data?.items ?? []}
        loading={matters.isFetching}
        pagination={false}
        showProject={false}
      />
    </Card>
  );
}
