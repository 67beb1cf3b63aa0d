/**
 * Headers of the columns that break funds down by source (其中：省外, 其中：境外, 我方 …), in the
 * form normaliseHeader gives. A bare 我方 or 合作方 names funds only under a funds group (到位资金/我方);
 * elsewhere it may split the agreed investment, so alone it must say 到位/出资 or stand after 其中.
 */
import type { FundsSourceField } from './fields.ts';

const withQizhong = (words: string[]) => words.flatMap((word) => [`其中${word}`, word]);

export const fundsSourceSynonyms: Record<FundsSourceField, string[]> = {
  fundsOutsideCity: [
    ...withQizhong(['国内市外', '国内市外资金', '国内市外到位', '国内市外到位资金', '市外境内']),
    ...withQizhong(['市外', '市外资金', '市外到位', '市外到位资金', '境内市外', '市外国内']),
  ],
  fundsOutsideCityInProvince: withQizhong([
    '市外省内',
    '省内市外',
    '市外省内资金',
    '省内市外资金',
    '省内',
    '省内资金',
  ]),
  fundsOutsideProvince: withQizhong([
    '省外',
    '省外资金',
    '省外到位',
    '省外到位资金',
    '国内省外',
    '国内省外资金',
  ]),
  fundsAbroad: withQizhong([
    '境外',
    '境外资金',
    '境外到位',
    '境外到位资金',
    '外资',
    '外资到位',
    '外资到位资金',
    '利用外资',
    '实际利用外资',
    '港澳台及外资',
  ]),
  fundsOurSide: [
    '其中我方',
    '其中我方出资',
    '我方到位',
    '我方到位资金',
    '我方出资到位',
    '其中本地',
    '本地配套资金',
  ],
  fundsPartner: [
    '其中合作方',
    '其中合作方出资',
    '合作方到位',
    '合作方到位资金',
    '合作方出资到位',
    '其中对方',
  ],
};

/** Children of a funds group (到位资金/我方, 累计到位/其中：省外): the synonyms and the bare 我方/合作方. */
export const fundsSourceChildren: Array<[string[], FundsSourceField]> = [
  ...(Object.entries(fundsSourceSynonyms) as Array<[FundsSourceField, string[]]>).map(
    ([field, words]): [string[], FundsSourceField] => [words, field],
  ),
  [['我方', '我方出资', '我方资金'], 'fundsOurSide'],
  [['合作方', '合作方出资', '合作方资金', '对方', '对方出资'], 'fundsPartner'],
];
