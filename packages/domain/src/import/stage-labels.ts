/**
 * Stage words as offices write them in a 项目阶段 column or a section row (一、在谈项目（22个）),
 * mapped to the pipeline's stages (stages.ts). Labels are compared in a normalised key form,
 * which is also the form in which a tenant's own mappings are saved.
 */
import type { Stage } from '../stages.ts';
import { toHalfWidth } from '../text.ts';

const labelsByStage: Record<Stage, string[]> = {
  planning: [
    '策划',
    '储备',
    '谋划',
    '策划储备',
    '谋划储备',
    '储备项目',
    '前期',
    '前期谋划',
    '前期工作',
    '包装策划',
  ],
  negotiating: [
    '在谈',
    '洽谈',
    '洽谈中',
    '在洽谈',
    '正在洽谈',
    '意向',
    '意向洽谈',
    '对接中',
    '接洽',
    '在谈判',
    '谈判',
    '跟踪对接',
    '拟签约',
    '待签约',
  ],
  signed: ['签约', '已签约', '签约未落地', '已签协议', '签订协议', '已签订协议', '签约待落地'],
  settled: ['落地', '已落地', '注册', '已注册', '落户', '已落户', '注册落地', '已注册落地'],
  construction: [
    '开工',
    '已开工',
    '开工建设',
    '在建',
    '建设中',
    '正在建设',
    '动工',
    '已动工',
    '新开工',
    '续建',
    '施工',
  ],
  production: [
    '投产',
    '已投产',
    '竣工投产',
    '建成投产',
    '运营',
    '已运营',
    '投入运营',
    '达产',
    '已达产',
    '竣工',
    '已竣工',
  ],
  paused: ['暂停', '已暂停', '暂缓', '搁置', '停滞', '停工', '缓建'],
  dropped: ['终止', '已终止', '放弃', '已放弃', '取消', '已取消', '退出', '已退出', '中止', '已中止'],
};

const affixes = /^项目|(?:项目|阶段|类|状态)$/;

/**
 * The key form of a stage label: half-width, no spaces or bracketed parts ('（22个）', '(框架协议)'),
 * no trailing punctuation, and without 项目/阶段/类/状态 around it: '在谈项目（22个）' → '在谈',
 * '开工建设类' → '开工建设', '已签约 ' → '已签约'.
 */
export function normaliseStageLabel(text: string): string {
  let key = toHalfWidth(text)
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/\([^()]*\)|【[^【】]*】|\[[^[\]]*\]|〔[^〔〕]*〕/g, '')
    .replace(/[、,.:;。!?]+$/, '')
    .toLowerCase();
  for (let previous = ''; previous !== key;) {
    previous = key;
    key = key.replace(affixes, '');
  }
  return key;
}

/** Normalised label → stage: the labels offices use for each stage. */
export const defaultStageLabels: Record<string, Stage> = Object.fromEntries(
  Object.entries(labelsByStage).flatMap(([stage, labels]) =>
    labels.map((label) => [normaliseStageLabel(label), stage as Stage]),
  ),
);

/**
 * The stage a label names, or null. `custom` (a tenant's saved mapping, keys in any form)
 * overrides the defaults.
 */
export function matchStageLabel(text: string, custom?: Record<string, Stage>): Stage | null {
  const key = normaliseStageLabel(text);
  if (key === '') return null;
  if (custom) {
    for (const [label, stage] of Object.entries(custom)) {
      if (normaliseStageLabel(label) === key) return stage;
    }
  }
  return defaultStageLabels[key] ?? null;
}
