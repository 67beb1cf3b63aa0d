import { Button, Col, Form, Input, Row, Select, Switch, Tag } from 'antd';
import { regionLabels, regions, stageLabels, stages, type Region, type Stage } from '@landfall/domain';
import type { Group, Unit } from '../../api/types.ts';
import { useI18n } from '../../i18n/useT.ts';
import { useFocusIndustries } from '../industries/useIndustries.ts';
import { IndustryCascader } from '../industries/IndustryCascader.tsx';
import type { LibraryParams } from './useLibraryParams.ts';

interface ProjectFiltersProps {
  params: LibraryParams;
  units: Unit[];
  groups: Group[];
  /** Unit staff see their own unit only: no unit filter. */
  showUnit: boolean;
  /** The 区县 a city's or province's library spans (empty for a district: no filter). */
  districts: { id: string; name: string }[];
}

/** The library filters; each change goes to the address and refetches. */
export function ProjectFilters({ params, units, groups, showUnit, districts }: ProjectFiltersProps) {
  const { t, locale } = useI18n();
  const focus = useFocusIndustries();
  const { query, update } = params;
  const item = { style: { marginBottom: 12 } };
  return (
    <Form layout="vertical" name="libraryFilter" component="div">
      <Row gutter={16} align="bottom">
        <Col xs={24} md={8} xl={6}>
          <Form.Item label={t('projects.search')} htmlFor="library-q" {...item}>
            <Input.Search
              id="library-q"
              allowClear
              key={query.q ?? ''}
              defaultValue={query.q}
              maxLength={50}
              onSearch={(value) => update({ q: value.trim() || undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={6}>
          <Form.Item label={t('projects.filterStage')} htmlFor="library-stage" {...item}>
            <Select<Stage[]>
              id="library-stage"
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              value={query.stage ?? []}
              onChange={(value) => update({ stage: value })}
              options={stages.map((stage) => ({ value: stage, label: stageLabels[stage][locale] }))}
            />
          </Form.Item>
        </Col>
        {districts.length ? (
          <Col xs={24} md={8} xl={6}>
            <Form.Item label={t('projects.filterDistrict')} htmlFor="library-district" {...item}>
              <Select<string[]>
                id="library-district"
                data-testid="library-district-filter"
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                showSearch={{ optionFilterProp: 'label' }}
                value={query.tenantId ?? []}
                onChange={(value) => update({ tenantId: value })}
                options={districts.map((district) => ({ value: district.id, label: district.name }))}
              />
            </Form.Item>
          </Col>
        ) : null}
        {showUnit ? (
          <Col xs={12} md={8} xl={4}>
            <Form.Item label={t('common.unit')} htmlFor="library-unit" {...item}>
              <Select
                id="library-unit"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                value={query.unitId ?? null}
                onChange={(value: string | null) => update({ unitId: value ?? undefined })}
                options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
              />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={12} md={8} xl={4}>
          <Form.Item label={t('common.group')} htmlFor="library-group" {...item}>
            <Select
              id="library-group"
              allowClear
              value={query.groupId ?? null}
              onChange={(value: string | null) => update({ groupId: value ?? undefined })}
              options={groups.map((group) => ({ value: group.id, label: group.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Form.Item label={t('projects.filterRegion')} htmlFor="library-region" {...item}>
            <Select<Region | null>
              id="library-region"
              allowClear
              value={query.region ?? null}
              onChange={(value) => update({ region: value ?? undefined })}
              options={regions.map((region) => ({ value: region, label: regionLabels[region][locale] }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={6}>
          <Form.Item label={t('projects.filterIndustry')} htmlFor="library-industry" {...item}>
            <IndustryCascader
              id="library-industry"
              value={query.industry ?? null}
              onChange={(code) => update({ industry: code ?? undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Form.Item label={t('projects.filterFocus')} htmlFor="library-focus" {...item}>
            <Select
              id="library-focus"
              allowClear
              value={query.focusIndustryId ?? null}
              onChange={(value: string | null) => update({ focusIndustryId: value ?? undefined })}
              options={(focus.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4} xl={3}>
          <Form.Item label={t('projects.over100m')} htmlFor="library-over100m" {...item}>
            <Switch
              id="library-over100m"
              checked={query.over100m === true}
              onChange={(checked) => update({ over100m: checked ? true : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4} xl={3}>
          <Form.Item label={t('projects.staleOnly')} htmlFor="library-stale" {...item}>
            <Switch
              id="library-stale"
              checked={query.stale === true}
              onChange={(checked) => update({ stale: checked ? true : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4} xl={2}>
          <Form.Item {...item}>
            <Button onClick={params.reset}>{t('common.reset')}</Button>
          </Form.Item>
        </Col>
      </Row>
      {query.fundedFrom || query.fundedTo ? (
        <Tag
          closable
          color="blue"
          style={{ marginBottom: 12 }}
          data-testid="funded-filter"
          onClose={() => update({ fundedFrom: undefined, fundedTo: undefined })}
        >
          {t('projects.fundedBetween', { from: query.fundedFrom ?? '…', to: query.fundedTo ?? '…' })}
        </Tag>
      ) : null}
    </Form>
  );
}
