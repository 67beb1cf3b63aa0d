/**
 * Stage words as offices write them in a 项目阶段 column or a section row (一、在谈项目（22个）),
 * mapped to the pipeline's stages (stages.ts). Labels are compared in a normalised key form,
 * which is also the form in which a tenant's own mappings are saved.
 *
 * Where a word sits between two stages, it names the stage the project has reached, not the one
 * it waits for: 签约未开工 / 签约未注册 → signed, 注册未开工 / 已落地 / 已注册 → settled,
 * 续建 / 在建 / 开工未投产 → construction (a project carried over into this year is still being
 * built), 部分投产 / 试生产 / 试运行 → production (output has begun), 已竣工 / 达产 → production.
 * 暂缓 / 停滞 / 停建 → paused; 终止 / 退出 / 取消 → dropped.
 *
 * stageFromTitle reads the same words in a table's title (万州区2017年1-9月新签约工业项目一览表):
 * the stage every row of such a table has when it names none itself.
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
    '在谈中',
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
    '洽谈对接',
    '商谈',
    '正在商谈',
  ],
  signed: [
    '签约',
    '已签约',
    '签约未落地',
    '已签协议',
    '签订协议',
    '已签订协议',
    '签约待落地',
    '新签约',
    '签约未开工',
    '已签约未开工',
    '签约未注册',
    '已签约未注册',
    '已签约未落地',
    '签约待开工',
  ],
  settled: [
    '落地',
    '已落地',
    '注册',
    '已注册',
    '落户',
    '已落户',
    '注册落地',
    '已注册落地',
    '新注册',
    '新落地',
    '注册未开工',
    '已注册未开工',
    '落地未开工',
    '已落地未开工',
    '落地待开工',
  ],
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
    '正在施工',
    '开工未投产',
    '在建未投产',
    '建设',
    '开工在建',
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
    '新投产',
    '部分投产',
    '试生产',
    '试产',
    '试运行',
    '试运营',
    '投产运营',
    '建成',
    '已建成',
    '竣工验收',
  ],
  paused: ['暂停', '已暂停', '暂缓', '搁置', '停滞', '停工', '缓建', '停建', '暂缓实施', '暂停实施'],
  dropped: [
    '终止',
    '已终止',
    '放弃',
    '已放弃',
    '取消',
    '已取消',
    '退出',
    '已退出',
    '中止',
    '已中止',
    '终止合作',
    '撤销',
  ],
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

/** Words that name a stage in a title, most specific first: 拟签约 is consumed before 签约. */
const titleWords: Array<[RegExp, Stage]> = [
  [/(?:拟|待)签约|在谈|洽谈|商谈|意向/g, 'negotiating'],
  [/签约|签订/g, 'signed'],
  [/注册|落地|落户/g, 'settled'],
  [/开工|在建|续建|施工/g, 'construction'],
  [/投产|竣工|达产/g, 'production'],
  [/储备|策划|谋划/g, 'planning'],
  [/暂停|暂缓|停滞|停建|缓建/g, 'paused'],
  [/终止|中止|退出/g, 'dropped'],
];

/** What a table has not reached yet says nothing of its stage: 签约未开工 is a table of signed projects. */
const notYet = /未(?:签约|注册|落地|落户|开工|投产|竣工|达产)|待(?:注册|落地|落户|开工|投产|竣工|达产)/g;

/**
 * The stage a table's title gives its rows, or null when it names none or several:
 * '万州区2017年1-9月新签约工业项目一览表' → signed, '2017年新开工项目情况表（截至9月30日）' →
 * construction, '在谈项目一览表' → negotiating, '重点项目推进台账' → null, '签约及开工项目' → null.
 */
export function stageFromTitle(title: string | null | undefined): Stage | null {
  if (!title) return null;
  let rest = toHalfWidth(title)
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(notYet, '');
  const named = new Set<Stage>();
  for (const [words, stage] of titleWords) {
    const left = rest.replace(words, '|');
    if (left !== rest) named.add(stage);
    rest = left;
  }
  return named.size === 1 ? ([...named][0] ?? null) : null;
}
