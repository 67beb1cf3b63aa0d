import { describe, expect, it } from 'vitest';
import { stages, type Stage } from '../stages.ts';
import { defaultStageLabels, matchStageLabel, normaliseStageLabel } from './stage-labels.ts';

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

  it.each(['', '项目', '重点', '其他', '未开工', 'abc', '签约未开工'])('knows no stage for %j', (text) => {
    expect(matchStageLabel(text)).toBeNull();
  });

  it('names every stage somewhere in the defaults', () => {
    expect(new Set(Object.values(defaultStageLabels))).toEqual(new Set(stages));
  });

  it('lets custom labels override and extend the defaults, in any key form', () => {
    const custom: Record<string, Stage> = { 跟踪: 'planning', '签约 ': 'settled', 签约未开工项目: 'signed' };
    expect(matchStageLabel('跟踪', custom)).toBe('planning');
    expect(matchStageLabel('签约', custom)).toBe('settled');
    expect(matchStageLabel('签约未开工', custom)).toBe('signed');
    expect(matchStageLabel('在谈', custom)).toBe('negotiating');
    expect(matchStageLabel('跟踪')).toBeNull();
    expect(matchStageLabel('签约')).toBe('signed');
  });
});
