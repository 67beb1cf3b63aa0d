import { useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { App, Badge, Button, Card, Dropdown, Empty, Space, Typography, theme } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { formatAmount, moveKindLabels, stageLabels, stages, type Stage } from '@landfall/domain';
import type { LibraryItem } from '../../api/library-types.ts';
import type { Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { allowedMoves } from './StageMoveModal.tsx';
import { StaleTag, stageColors } from './StageTag.tsx';

interface ProjectKanbanProps {
  items: LibraryItem[];
  units: Unit[];
  linkSearch: string;
  /** Whether this user may move this project (none in the as-of view). */
  canMove: (item: LibraryItem) => boolean;
  onMove: (item: LibraryItem, to: Stage) => void;
}

function KanbanCard(
  props: { item: LibraryItem; unitName: string } & Omit<ProjectKanbanProps, 'items' | 'units'>,
) {
  const { item, unitName, linkSearch, canMove, onMove } = props;
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
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {unitName}
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

/** The library by stage: pipeline columns, then paused and dropped. Drop a card on a column to move it. */
export function ProjectKanban(props: ProjectKanbanProps) {
  const { items, units, canMove, onMove } = props;
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const [over, setOver] = useState<Stage | null>(null);
  const unitName = (id: string) => units.find((unit) => unit.id === id)?.name ?? '';

  function drop(event: DragEvent, stage: Stage) {
    event.preventDefault();
    setOver(null);
    const item = items.find((candidate) => candidate.id === event.dataTransfer.getData('text/plain'));
    if (!item || item.stage === stage || !canMove(item)) return;
    if (allowedMoves(item).some((move) => move.to === stage)) onMove(item, stage);
    else {
      const names = { from: stageLabels[item.stage][locale], to: stageLabels[stage][locale] };
      void message.warning(t('projects.noMove', names));
    }
  }

  return (
    <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }}>
      {stages.map((stage) => {
        const column = items.filter((item) => item.stage === stage);
        return (
          <div
            key={stage}
            data-testid={`kanban-column-${stage}`}
            role="region"
            aria-label={stageLabels[stage][locale]}
            onDragOver={(event) => {
              event.preventDefault();
              setOver(stage);
            }}
            onDragLeave={() => setOver((current) => (current === stage ? null : current))}
            onDrop={(event) => drop(event, stage)}
            style={{
              flex: '0 0 232px',
              minHeight: 360,
              padding: 8,
              borderRadius: token.borderRadiusLG,
              background: over === stage ? token.colorPrimaryBg : token.colorFillQuaternary,
              border: `1px dashed ${over === stage ? token.colorPrimary : 'transparent'}`,
            }}
          >
            <div
              style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8, padding: '0 4px' }}
            >
              <Typography.Text strong>
                <Badge color={stageColors[stage] === 'default' ? 'gray' : stageColors[stage]} />{' '}
                {stageLabels[stage][locale]}
              </Typography.Text>
              <Typography.Text type="secondary">{column.length}</Typography.Text>
            </div>
            {column.map((item) => (
              <KanbanCard key={item.id} {...props} item={item} unitName={unitName(item.unitId)} />
            ))}
            {column.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.dropHere')} />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
