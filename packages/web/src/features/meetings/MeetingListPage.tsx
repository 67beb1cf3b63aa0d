import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Segmented, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { meetingKindAllowed, meetingKindLabels, meetingKinds, type MeetingKind } from '@landfall/domain';
import type { Meeting } from '../../api/coordination-types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useI18n } from '../../i18n/useT.ts';
import { useCan, useMe } from '../auth/useMe.ts';
import { useQueryParams } from '../coordination/useQueryParams.ts';
import { MeetingCreateModal } from './MeetingCreateModal.tsx';
import { MeetingKindTag, MeetingStatusTag } from './MeetingTags.tsx';
import { useMeetings } from './useMeetings.ts';

const filterKeys = ['kind'] as const;
const isKind = (v: string | undefined): v is MeetingKind => meetingKinds.some((k) => k === v);

/** 会议: 每周业务通气, 半月信息沟通, 每月情况会商, 联席会议 (and a city's 联合策划, 联合招商) — newest first, by kind. */
export function MeetingListPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const { values, page, pageSize, update } = useQueryParams(filterKeys);
  const kind = isKind(values.kind) ? values.kind : undefined;
  const meetings = useMeetings({ kind, page, pageSize });
  const [creating, setCreating] = useState(false);
  const { data: me } = useMe();
  // A district has no 联合策划/联合招商 of its own.
  const kinds = meetingKinds.filter((k) => !me || meetingKindAllowed(k, me.tenantLevel));

  const columns: TableColumnsType<Meeting> = [
    { title: t('meetings.heldOn'), key: 'heldOn', render: (_v, m) => m.heldOn },
    { title: t('meetings.kind'), key: 'kind', render: (_v, m) => <MeetingKindTag kind={m.kind} /> },
    {
      title: t('meetings.titleField'),
      key: 'title',
      render: (_v, m) => <Link to={`/meetings/${m.id}`}>{m.title}</Link>,
    },
    { title: t('meetings.location'), key: 'location', render: (_v, m) => m.location || t('common.none') },
    { title: t('meetings.convener'), key: 'convener', render: (_v, m) => m.convenerName ?? t('common.none') },
    { title: t('meetings.status'), key: 'status', render: (_v, m) => <MeetingStatusTag status={m.status} /> },
  ];

  if (meetings.isError && !meetings.data) {
    return <LoadError error={meetings.error} onRetry={() => void meetings.refetch()} />;
  }
  return (
    <Card
      title={t('meetings.title')}
      extra={
        can('meeting.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('meetings.create')}
          </Button>
        ) : null
      }
    >
      <Segmented<MeetingKind | 'all'>
        aria-label={t('meetings.kindFilter')}
        style={{ marginBottom: 16 }}
        value={kind ?? 'all'}
        onChange={(value) => update({ kind: value === 'all' ? undefined : value })}
        options={[
          { value: 'all', label: t('meetings.allKinds') },
          ...kinds.map((value) => ({ value, label: meetingKindLabels[value][locale] })),
        ]}
      />
      <Table<Meeting>
        rowKey="id"
        size="middle"
        loading={meetings.isFetching}
        columns={columns}
        dataSource={meetings.data?.items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('meetings.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: meetings.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (next, size) => update({ page: size === pageSize ? next : 1, pageSize: size }),
        }}
      />
      <MeetingCreateModal open={creating} kind={kind} onClose={() => setCreating(false)} />
    </Card>
  );
}
