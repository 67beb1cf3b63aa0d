import { App, Button, Card, Empty, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { roleLabels } from '@landfall/domain';
import { approveAccountRequest, listAccountRequests, refuseAccountRequest } from '../../api/users.ts';
import type { AccountRequest } from '../../api/types.ts';
import { LoadError } from '../../app/Guards.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useMe } from '../auth/useMe.ts';

const requestsKey = ['account-requests'] as const;

/**
 * 待批准申请 (二人规则): changes to the three administrators' accounts awaiting a second of them. The
 * buttons show for requests another role made; the server decides (requester, same role and the account
 * concerned are refused).
 */
export function AccountRequestsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const requests = useQuery({ queryKey: requestsKey, queryFn: () => listAccountRequests('pending') });
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: requestsKey });
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };
  const approve = useMutation({ mutationFn: approveAccountRequest, onSettled: done });
  const refuse = useMutation({ mutationFn: (id: string) => refuseAccountRequest(id, null), onSettled: done });

  const columns: TableColumnsType<AccountRequest> = [
    {
      title: t('requests.kind'),
      key: 'kind',
      render: (_v, r) =>
        `${t(`requests.kind.${r.kind}`)}${r.newRole ? ` → ${roleLabels[r.newRole][locale]}` : ''}`,
    },
    {
      title: t('requests.target'),
      key: 'target',
      render: (_v, r) => `${r.targetUsername}（${roleLabels[r.targetRole][locale]}）`,
    },
    {
      title: t('requests.requestedBy'),
      key: 'by',
      render: (_v, r) => `${r.requestedByName}（${roleLabels[r.requestedByRole][locale]}）`,
    },
    {
      title: t('requests.requestedAt'),
      key: 'at',
      render: (_v, r) => dayjs(r.requestedAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, r) =>
        me && r.requestedBy !== me.id && r.requestedByRole !== me.role && r.targetUserId !== me.id ? (
          <Space size={0}>
            <Popconfirm
              title={t('requests.approve')}
              okText={t('requests.approve')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                approve.mutate(r.id, {
                  onSuccess: () => void message.success(t('requests.approved')),
                  onError: (error) => reportError(error),
                })
              }
            >
              <Button size="small" type="link">
                {t('requests.approve')}
              </Button>
            </Popconfirm>
            <Button
              size="small"
              type="link"
              danger
              onClick={() =>
                refuse.mutate(r.id, {
                  onSuccess: () => void message.success(t('requests.refused')),
                  onError: (error) => reportError(error),
                })
              }
            >
              {t('requests.refuse')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  if (requests.isError) return <LoadError error={requests.error} onRetry={() => void requests.refetch()} />;
  return (
    <Card title={t('requests.title')}>
      <Typography.Paragraph type="secondary">{t('requests.hint')}</Typography.Paragraph>
      <Table<AccountRequest>
        rowKey="id"
        loading={requests.isPending}
        columns={columns}
        dataSource={requests.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('requests.none')} /> }}
      />
    </Card>
  );
}
