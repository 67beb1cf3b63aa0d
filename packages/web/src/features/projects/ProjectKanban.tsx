import { useState, type DragEvent } from 'react';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { Link } from 'react-router';
import { App, Badge, Button, Card, Dropdown, Empty, Space, Typography, theme } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { formatAmount, moveKindLabels, stageLabels, stages, type Stage } from '@landfall/domain';
import type { LibraryItem, LibraryPage } from '../../api/library-types.ts';
import type { LibraryQuery } from '../../api/projects.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { allowedMoves } from './stageMoves.ts';
import { StaleTag, stageColors } from './StageTag.tsx';
import { kanbanKey, useKanbanColumn } from './useProjects.ts';

interface ProjectKanbanProps {
  /** The library's filters (no paging): each column asks for its own stage, page by page. */
  query: LibraryQuery;
  units: Unit[];
  /** The reader's library spans several 区县: each card names its district. */
  showDistrict: boolean;
  linkSearch: string;
  /** Whether this user may move this project (none in the as-of view). */
  canMove: (item: LibraryItem) => boolean;
  onMove: (item: LibraryItem, to: Stage) => void;
}

type CardProps = Pick<ProjectKanbanProps, 'linkSearch' | 'canMove' | 'onMove'> & {
  item: LibraryItem;
  unitName: string;
  districtName: string | null;
};

function KanbanCard(props: CardProps) {
  const { item, unitName, districtName, linkSearch, canMove, onMove } = props;
  const { t, locale } = useI18n();
  const movable = canMove(item);
  const moves = movable ? allowedMoves(item) : [];
  return (
    <Card
      size="small"
      data-testid={`kanban-card-${item.id}`}
      draggable={movable}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData('text/plain', item.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      style={{ marginBottom: 8, cursor: movable ? 'grab' : 'default' }}
      styles={{ body: { padding: 10 } }}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space size={4} wrap>
          <Link to={`/projects/${item.id}${linkSearch}`} style={{ fontWeight: 500 }}>
            {item.name}
          </Link>
          {item.stale ? <StaleTag /> : null}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="kanban-card-unit">
          {districtName ? `${districtName} · ${unitName}` : unitName}
        </Typography.Text>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text style={{ fontSize: 13 }}>
            {formatAmount(item.agreedInvestmentFen, locale)}
          </Typography.Text>
          {moves.length > 0 ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: moves.map((move) => ({
                  key: move.to,
                  label: `${moveKindLabels[move.kind][locale]} → ${stageLabels[move.to][locale]}`,
                })),
                onClick: ({ key }) => onMove(item, key as Stage),
              }}
            >
              <Button size="small" type="text" icon={<SwapOutlined />}>
                {t('projects.move')}
              </Button>
            </Dropdown>
          ) : null}
        </div>
      </Space>
    </Card>
  );
}

/** One stage's column: its first page, its total from the server, 加载更多 for the next page. */
function KanbanColumn(
  props: Omit<ProjectKanbanProps, 'onMove'> & {
    stage: Stage;
    over: boolean;
    onMove: ProjectKanbanProps['onMove'];
    onOver: (stage: Stage | null) => void;
    onDrop: (event: DragEvent, stage: Stage) => void;
  },
) {
  const { stage, query, units, showDistrict, over, onOver, onDrop } = props;
  const { t, locale } = useI18n();
  const { token } = theme.useToken();
  // A stage the filter leaves out stays empty (and a drop target).
  const shown = !query.stage?.length || query.stage.includes(stage);
  const column = useKanbanColumn(query, stage, shown);
  const items = shown ? (column.data?.pages.flatMap((page) => page.items) ?? []) : [];
  const total = shown ? (column.data?.pages[0]?.total ?? 0) : 0;
  const unitName = (item: LibraryItem) =>
    item.unitName || (units.find((unit) => unit.id === item.unitId)?.name ?? '');
  return (
    <div
      data-testid={`kanban-column-${stage}`}
      role="region"
      aria-label={stageLabels[stage][locale]}
      aria-busy={column.isFetching}
      onDragOver={(event) => {
        event.preventDefault();
        onOver(stage);
      }}
      onDragLeave={() => onOver(null)}
      onDrop={(event) => onDrop(event, stage)}
      style={{
        flex: '0 0 232px',
        minHeight: 360,
        padding: 8,
        borderRadius: token.borderRadiusLG,
        background: over ? token.colorPrimaryBg : token.colorFillQuaternary,
        border: `1px dashed ${over ? token.colorPrimary : 'transparent'}`,
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8, padding: '0 4px' }}>
        <Typography.Text strong>
          <Badge color={stageColors[stage] === 'default' ? 'gray' : stageColors[stage]} />{' '}
          {stageLabels[stage][locale]}
        </Typography.Text>
        <Typography.Text type="secondary" data-testid={`kanban-total-${stage}`}>
          {total}
        </Typography.Text>
      </div>
      {column.isError && shown ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('projects.kanbanLoadFailed')}{' '}
          <Button size="small" type="link" onClick={() => void column.refetch()}>
            {t('common.retry')}
          </Button>
        </Typography.Text>
      ) : null}
      {items.map((item) => (
        <KanbanCard
          key={item.id}
          linkSearch={props.linkSearch}
          canMove={props.canMove}
          onMove={props.onMove}
          item={item}
          unitName={unitName(item)}
          districtName={showDistrict ? item.tenantName : null}
        />
      ))}
      {column.hasNextPage ? (
        <Button
          block
          size="small"
          data-testid={`kanban-more-${stage}`}
          loading={column.isFetchingNextPage}
          onClick={() => void column.fetchNextPage()}
        >
          {t('projects.kanbanMore', { shown: items.length, total })}
        </Button>
      ) : null}
      {items.length === 0 && !column.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.dropHere')} />
      ) : null}
    </div>
  );
}

/**
 * The library by stage: pipeline columns, then paused and dropped, each paged on its own so every
 * project can be reached. Drop a card on a column to move it; the move refreshes the columns.
 */
export function ProjectKanban(props: ProjectKanbanProps) {
  const { canMove, onMove } = props;
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [over, setOver] = useState<Stage | null>(null);

  /** The dragged card, from the columns' loaded pages. */
  function loadedItem(id: string): LibraryItem | undefined {
    for (const [, data] of queryClient.getQueriesData<InfiniteData<LibraryPage>>({
      queryKey: kanbanKey,
      type: 'active',
    })) {
      const found = data?.pages.flatMap((page) => page.items).find((item) => item.id === id);
      if (found) return found;
    }
    return undefined;
  }

  function drop(event: DragEvent, stage: Stage) {
    event.preventDefault();
    setOver(null);
    const item = loadedItem(event.dataTransfer.getData('text/plain'));
    if (!item || item.stage === stage || !canMove(item)) return;
    if (allowedMoves(item).some((move) => move.to === stage)) onMove(item, stage);
    else {
      const names = { from: stageLabels[item.stage][locale], to: stageLabels[stage][locale] };
      void message.warning(t('projects.noMove', names));
    }
  }

  return (
    <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
      {stages.map((stage) => (
        <KanbanColumn
          key={stage}
          {...props}
          stage={stage}
          over={over === stage}
          onOver={(next) =>
            setOver((current) => (next === null ? (current === stage ? null : current) : next))
          }
          onDrop={drop}
        />
      ))}
    </div>
  );
}
