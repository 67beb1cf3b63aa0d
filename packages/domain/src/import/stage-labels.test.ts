import { describe, expect, it } from 'vitest';
import { stages, type Stage } from '../stages.ts';
import { defaultStageLabels, matchStageLabel, normaliseStageLabel, stageFromTitle } from './stage-labels.ts';

describe('normaliseStageLabel', () => {
  it.each([
    ['在谈', '在谈'],
    [' 在 谈 ', '在谈'],
    ['在谈项目', '在谈'],
    ['在谈项目（22个）', '在谈'],
    ['在谈项目(22个)', '在谈'],
    ['开工建设类', '开工建设'],
    ['签约类项目', '签约'],
    ['已签约（框架协议）', '已签约'],
    ['项目终止', '终止'],
    ['投产阶段', '投产'],
    ['暂停状态', '暂停'],
    ['已开工。', '已开工'],
    ['储备项目', '储备'],
    ['ＡＢ', 'ab'],
    ['项目', ''],
    ['', ''],
  ])('%j → %j', (text, key) => {
    expect(normaliseStageLabel(text)).toBe(key);
  });

  it('is idempotent on every default key', () => {
    for (const key of Object.keys(defaultStageLabels)) expect(normaliseStageLabel(key)).toBe(key);
  });
});

describe('matchStageLabel', () => {
  it.each([
    ['策划', 'planning'],
    ['储备', 'planning'],
    ['谋划', 'planning'],
    ['策划储备', 'planning'],
    ['储备项目', 'planning'],
    ['前期', 'planning'],
    ['在谈', 'negotiating'],
    ['洽谈', 'negotiating'],
    ['洽谈中', 'negotiating'],
    ['在洽谈', 'negotiating'],
    ['正在洽谈', 'negotiating'],
    ['意向', 'negotiating'],
    ['意向洽谈', 'negotiating'],
    ['对接中', 'negotiating'],
    ['接洽', 'negotiating'],
    ['签约', 'signed'],
    ['已签约', 'signed'],
    ['签约未落地', 'signed'],
    ['已签协议', 'signed'],
    ['签订协议', 'signed'],
    ['落地', 'settled'],
    ['已落地', 'settled'],
    ['注册', 'settled'],
    ['已注册', 'settled'],
    ['落户', 'settled'],
    ['开工', 'construction'],
    ['已开工', 'construction'],
    ['开工建设', 'construction'],
    ['在建', 'construction'],
    ['建设中', 'construction'],
    ['动工', 'construction'],
    ['投产', 'production'],
    ['已投产', 'production'],
    ['竣工投产', 'production'],
    ['建成投产', 'production'],
    ['运营', 'production'],
    ['已运营', 'production'],
    ['达产', 'production'],
    ['暂停', 'paused'],
    ['暂缓', 'paused'],
    ['搁置', 'paused'],
    ['停滞', 'paused'],
    ['终止', 'dropped'],
    ['已终止', 'dropped'],
    ['放弃', 'dropped'],
    ['取消', 'dropped'],
    ['退出', 'dropped'],
    ['中止', 'dropped'],
    ['在谈项目（22个）', 'negotiating'],
    ['已签约项目', 'signed'],
    ['开工建设类', 'construction'],
    [' 已投产 ', 'production'],
    ['在建项目(5个)', 'construction'],
  ] as [string, Stage][])('%j → %s', (text, stage) => {
    expect(matchStageLabel(text)).toBe(stage);
  });

  it.each([
    ['在谈中', 'negotiating'],
    ['洽谈', 'negotiating'],
    ['正在洽谈', 'negotiating'],
    ['签约未开工', 'signed'],
    ['已签约未开工', 'signed'],
    ['签约未开工项目（3个）', 'signed'],
    ['已签约未注册', 'signed'],
    ['已注册', 'settled'],
    ['已落地', 'settled'],
    ['已注册未开工', 'settled'],
    ['续建', 'construction'],
    ['续建项目', 'construction'],
    ['在建', 'construction'],
    ['建设中', 'construction'],
    ['新开工', 'construction'],
    ['已开工', 'construction'],
    ['开工建设', 'construction'],
    ['开工未投产', 'construction'],
    ['已投产', 'production'],
    ['部分投产', 'production'],
    ['试生产', 'production'],
    ['试运行', 'production'],
    ['竣工投产', 'production'],
    ['达产', 'production'],
    ['已竣工', 'production'],
    ['已建成', 'production'],
    ['暂缓', 'paused'],
    ['停滞', 'paused'],
    ['停建', 'paused'],
    ['终止', 'dropped'],
    ['已终止', 'dropped'],
    ['撤销', 'dropped'],
  ] as [string, Stage][])('reads the office word %j as %s', (text, stage) => {
    expect(matchStageLabel(text)).toBe(stage);
  });

  it.each(['', '项目', '重点', '其他', '未开工', 'abc', '未签约', '签约开工'])(
    'knows no stage for %j',
    (text) => {
      expect(matchStageLabel(text)).toBeNull();
    },
  );

  it('names every stage somewhere in the defaults', () => {
    expect(new Set(Object.values(defaultStageLabels))).toEqual(new Set(stages));
  });

  it('lets custom labels override and extend the defaults, in any key form', () => {
    const custom: Record<string, Stage> = { 跟踪: 'planning', '签约 ': 'settled', 研究中项目: 'negotiating' };
    expect(matchStageLabel('跟踪', custom)).toBe('planning');
    expect(matchStageLabel('签约', custom)).toBe('settled');
    expect(matchStageLabel('研究中', custom)).toBe('negotiating');
    expect(matchStageLabel('研究中')).toBeNull();
    expect(matchStageLabel('在谈', custom)).toBe('negotiating');
    expect(matchStageLabel('跟踪')).toBeNull();
    expect(matchStageLabel('签约')).toBe('signed');
  });
});

describe('stageFromTitle', () => {
  it.each([
    ['万州区2017年1-9月新签约工业项目一览表', 'signed'],
    ['万州区招商引资签约项目情况表', 'signed'],
    ['2017年签约未开工项目清单', 'signed'],
    ['2017年1-9月新注册项目一览表', 'settled'],
    ['新落地项目情况统计表（截至2017年9月30日）', 'settled'],
    ['2017年新开工项目情况表（截至9月30日）', 'construction'],
    ['2017年第三季度开工项目一览表', 'construction'],
    ['万州区2017年在建项目推进台账', 'construction'],
    ['２０１７年新投产项目一览表', 'production'],
    ['2017年竣工投产项目情况表', 'production'],
    ['万州区在谈项目一览表', 'negotiating'],
    ['重点洽谈项目推进表', 'negotiating'],
    ['2017年拟签约项目清单', 'negotiating'],
    ['万州区招商引资储备项目库', 'planning'],
    ['2018年策划包装项目一览表', 'planning'],
    ['已终止项目明细表', 'dropped'],
  ] as [string, Stage][])('%j → %s', (title, stage) => {
    expect(stageFromTitle(title)).toBe(stage);
  });

  it.each([
    '万州区2017年重点项目推进台账',
    '万州区2017年招商引资项目推进台账',
    '招商引资项目进展情况表（截至2017年9月30日）',
    '2017年新签约及新开工项目一览表',
    '未签约项目清单',
    '',
  ])('names no stage for %j', (title) => {
    expect(stageFromTitle(title)).toBeNull();
  });

  it('names no stage for a missing title', () => {
    expect(stageFromTitle(null)).toBeNull();
    expect(stageFromTitle(undefined)).toBeNull();
  });
});
