import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Result, Row, Space, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  DollarOutlined,
  EditOutlined,
  FileDoneOutlined,
  FormOutlined,
  FlagOutlined,
  PlusCircleOutlined,
  RiseOutlined,
} from '@ant-design/icons';
import { canReceiveFunds, missingEvidenceText } from '@landfall/domain';
import type { LedgerEntry } from '../../api/library-types.ts';
import { isApiError } from '../../api/client.ts';
import { FullPageSpin, LoadError } from '../../app/Guards.tsx';
import { describeError } from '../../components/errors.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useCanOnUnit, useMe } from '../auth/useMe.ts';
import { useGroups } from '../groups/useGroups.ts';
import { MatterCreateModal } from '../matters/MatterCreateModal.tsx';
import { ProjectMattersCard } from '../matters/ProjectMattersCard.tsx';
import { ReviewActions } from '../review/ReviewActions.tsx';
import { ReviewBanner, ReviewTag } from '../review/ReviewTag.tsx';
import { useUnits } from '../units/useUnits.ts';
import { AsOfBanner, AsOfPicker, KnownOnPicker } from './AsOf.tsx';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { CorrectionModal, FundingModal, ProgressModal } from './EntryModals.tsx';
import { EvidenceRecordModal } from './EvidenceRecordModal.tsx';
import { ExpansionModal } from './ExpansionModal.tsx';
import { FundsTable } from './FundsTable.tsx';
import { LedgerTimeline } from './LedgerTimeline.tsx';
import { ProjectEditModal } from './ProjectFormModal.tsx';
import { ProjectFieldsCard } from './ProjectFieldsCard.tsx';
import { StageMoveModal } from './StageMoveModal.tsx';
import { allowedMoves } from './stageMoves.ts';
import { StageSteps } from './StageSteps.tsx';
import { EvidenceTag, StageTag, StaleTag } from './StageTag.tsx';
import { asOfSearch, useAsOf, useClearAsOf, useKnownOn } from './useAsOf.ts';
import { useProject } from './useProjects.ts';

type Dialog = 'edit' | 'progress' | 'funding' | 'expansion' | 'move' | 'matter' | 'evidence' | null;

/** 项目详情: fields, stage, ledger, funds and files; actions as the policy allows, none when viewing a past date. */
export function ProjectDetailPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const canOnUnit = useCanOnUnit();
  const { data: me } = useMe();
  const [asOf, setAsOf] = useAsOf();
  const [knownOn, setKnownOn] = useKnownOn();
  const clearAsOf = useClearAsOf();
  const detail = useProject(id, asOf, knownOn);
  const units = useUnits(me?.tenantId);
  const groups = useGroups(me?.tenantId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [correcting, setCorrecting] = useState<LedgerEntry | null>(null);

  if (detail.isPending) return <FullPageSpin />;
  if (detail.isError) {
    if (isApiError(detail.error) && detail.error.code === 'not_found') {
      return (
        <Result
          status="404"
          title={asOf || knownOn ? t('projects.notEnteredYet') : t('errors.notFound')}
          subTitle={describeError(detail.error, locale, t)}
          extra={
            <Space>
              {asOf || knownOn ? <Button onClick={clearAsOf}>{t('projects.asOfClear')}</Button> : null}
              <Link to="/projects">
                <Button type="primary">{t('projects.back')}</Button>
              </Link>
            </Space>
          }
        />
      );
    }
    return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  }

  const { project } = detail.data;
  const live = !asOf && !knownOn;
  const can = (action: string) => live && canOnUnit(action, project.unitId);
  const unitList = units.data ?? [];
  const groupList = groups.data ?? [];
  const close = () => setDialog(null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Link to={`/projects${asOfSearch(asOf, knownOn)}`} aria-label={t('projects.back')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {project.name}
            </Typography.Title>
            <StageTag stage={project.stage} />
            {detail.data.stale ? <StaleTag /> : null}
            <EvidenceTag missing={project.evidenceMissing ?? []} />
            <ReviewTag record={project} />
          </Space>
        }
        extra={
          <Space wrap>
            <AsOfPicker value={asOf} onChange={setAsOf} />
            <KnownOnPicker value={knownOn} onChange={setKnownOn} />
          </Space>
        }
      >
        <AsOfBanner asOf={asOf} knownOn={knownOn} onClear={clearAsOf} />
        {live ? <ReviewBanner record={project} /> : null}
        {live && project.evidenceMissing?.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="evidence-missing"
            title={missingEvidenceText(project.evidenceMissing, locale)}
            description={t('detail.evidenceMissingHelp')}
            action={
              can('project.update') ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<FileDoneOutlined />}
                  onClick={() => setDialog('evidence')}
                  data-testid="evidence-record"
                >
                  {t('evidence.record')}
                </Button>
              ) : null
            }
          />
        ) : null}
        <Space wrap style={{ marginBottom: 16 }}>
          {can('project.update') ? (
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              {t('detail.edit')}
            </Button>
          ) : null}
          {can('project.addEntry') ? (
            <Button icon={<FormOutlined />} onClick={() => setDialog('progress')}>
              {t('detail.addProgress')}
            </Button>
          ) : null}
          {can('project.addEntry') && canReceiveFunds(project.stage, project.stageBefore) ? (
            <Button icon={<DollarOutlined />} onClick={() => setDialog('funding')}>
              {t('detail.addFunding')}
            </Button>
          ) : null}
          {can('project.addEntry') &&
          project.stage !== 'dropped' &&
          canReceiveFunds(project.stage, project.stageBefore) ? (
            <Button icon={<PlusCircleOutlined />} onClick={() => setDialog('expansion')}>
              {t('detail.addExpansion')}
            </Button>
          ) : null}
          {can('project.moveStage') && allowedMoves(project).length > 0 ? (
            <Button type="primary" icon={<RiseOutlined />} onClick={() => setDialog('move')}>
              {t('detail.moveStage')}
            </Button>
          ) : null}
          {can('matter.create') ? (
            <Button icon={<FlagOutlined />} onClick={() => setDialog('matter')}>
              {t('matters.raise')}
            </Button>
          ) : null}
          {live ? <ReviewActions type="project" record={project} name={project.name} /> : null}
        </Space>
        <StageSteps project={project} />
      </Card>
      <ProjectFieldsCard detail={detail.data} units={unitList} groups={groupList} />
      {live ? <ProjectMattersCard projectId={project.id} /> : null}
      <Card size="small" title={t('detail.funds')}>
        <FundsTable entries={detail.data.entries} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('detail.timeline')}>
            <LedgerTimeline
              entries={detail.data.entries}
              attachments={detail.data.attachments}
              units={unitList}
              groups={groupList}
              canCorrect={can('project.addEntry')}
              onCorrect={setCorrecting}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <AttachmentsCard
            projectId={project.id}
            attachments={detail.data.attachments}
            canUpload={can('attachment.upload')}
          />
        </Col>
      </Row>
      <ProjectEditModal
        project={dialog === 'edit' ? project : null}
        enterprises={detail.data.enterprises}
        onClose={close}
        onStale={() => void detail.refetch()}
      />
      <ProgressModal projectId={project.id} open={dialog === 'progress'} onClose={close} />
      <FundingModal projectId={project.id} open={dialog === 'funding'} onClose={close} />
      <ExpansionModal
        project={dialog === 'expansion' ? project : null}
        onClose={close}
        onStale={() => void detail.refetch()}
      />
      <StageMoveModal project={dialog === 'move' ? project : null} onClose={close} />
      <EvidenceRecordModal
        project={dialog === 'evidence' ? project : null}
        onClose={close}
        onStale={() => void detail.refetch()}
      />
      <MatterCreateModal
        open={dialog === 'matter'}
        project={{ id: project.id, name: project.name, unitId: project.unitId }}
        onClose={close}
      />
      <CorrectionModal entry={correcting} onClose={() => setCorrecting(null)} />
    </Space>
  );
}
