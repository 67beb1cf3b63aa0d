import { describe, expect, it } from 'vitest';
import {
  headerSynonyms,
  importFieldKinds,
  importFieldLabels,
  importFields,
  mappingKey,
  matchHeader,
  normaliseHeader,
  proposeMapping,
  rankHeader,
  type ImportField,
} from './fields.ts';
import { nameStandInHeaders, weakNameHeaders } from './header-synonyms.ts';

const headers = (...texts: string[]) => texts.map((text) => ({ text, parent: null }));

describe('import fields', () => {
  it('gives every field a kind, as the import contract says', () => {
    const byKind = (kind: string) => importFields.filter((field) => importFieldKinds[field] === kind);
    expect(byKind('amount')).toEqual([
      'agreedInvestment',
      'fixedAsset',
      'fundsYearPlan',
      'fundsMonth',
      'fundsYear',
      'fundsCumulative',
      'fundsOutsideCity',
      'fundsOutsideCityInProvince',
      'fundsOutsideProvince',
      'fundsAbroad',
      'fundsOurSide',
      'fundsPartner',
    ]);
    expect(byKind('date')).toEqual([
      'enteredOn',
      'signedOn',
      'registeredOn',
      'plannedStartOn',
      'actualStartOn',
      'plannedProductionOn',
      'productionOn',
      'updatedOn',
    ]);
    expect(byKind('number')).toEqual(['seq', 'landMu']);
    expect(byKind('stage')).toEqual(['stage']);
    expect(byKind('code')).toEqual(['investorCreditCode', 'localCreditCode']);
    expect(byKind('text')).toHaveLength(importFields.length - 25);
  });

  it('labels every field in both languages', () => {
    expect(Object.keys(importFieldLabels).sort()).toEqual([...importFields].sort());
    for (const field of importFields) {
      expect(importFieldLabels[field]['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(importFieldLabels[field]['en-US']).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(importFieldLabels.fixedAsset['zh-CN']).toBe('其中固定资产投资');
    expect(importFieldLabels.landMu['zh-CN']).toBe('用地面积（亩）');
  });

  it('keeps synonyms normalised and never gives one text to two fields', () => {
    const owner = new Map<string, ImportField>();
    for (const field of importFields) {
      expect(headerSynonyms[field].length).toBeGreaterThan(0);
      for (const synonym of headerSynonyms[field]) {
        expect(normaliseHeader(synonym)).toBe(synonym);
        expect(owner.get(synonym) ?? field).toBe(field);
        owner.set(synonym, field);
        expect(matchHeader(synonym)).toBe(field);
      }
    }
  });

  it('keeps the weak name headers apart from every synonym, so they stay weak', () => {
    const synonyms = new Set(importFields.flatMap((field) => headerSynonyms[field]));
    for (const header of weakNameHeaders) {
      expect(normaliseHeader(header)).toBe(header);
      expect(synonyms.has(header), header).toBe(false);
      expect(rankHeader(header)).toEqual({ field: 'name', strength: 1 });
    }
    for (const header of nameStandInHeaders) expect(headerSynonyms.investorName).toContain(header);
  });

  it('matches each field label to its field', () => {
    for (const field of importFields) expect(matchHeader(importFieldLabels[field]['zh-CN'])).toBe(field);
  });
});

describe('normaliseHeader', () => {
  it.each([
    ['项目名称', '项目名称'],
    [' 项目\n名称 ', '项目名称'],
    ['项 目 名 称', '项目名称'],
    ['协议投资额（万元）', '协议投资额'],
    ['协议投资额\r\n(亿元)', '协议投资额'],
    ['*项目名称', '项目名称'],
    ['项目名称＊', '项目名称'],
    ['★项目名称', '项目名称'],
    ['其中：固定资产投资', '其中固定资产投资'],
    ['用地（亩）', '用地'],
    ['用地面积【亩】', '用地面积'],
    ['投资方名称（全称）(必填)', '投资方名称'],
    ['ＮＯ．', 'no'],
    ['1-9月到位', '1-9月到位'],
    ['１～９月到位', '1~9月到位'],
    ['（万元）', ''],
    ['签约时间、', '签约时间'],
    ['', ''],
  ])('%j → %j', (text, normalised) => {
    expect(normaliseHeader(text)).toBe(normalised);
  });
});

describe('matchHeader', () => {
  it.each([
    ['序号', 'seq'],
    ['序 号', 'seq'],
    ['编号', 'seq'],
    ['项目名称', 'name'],
    ['*项目名称', 'name'],
    ['项目名', 'name'],
    ['项目名称及建设内容', 'name'],
    ['投资方', 'investorName'],
    ['投资主体', 'investorName'],
    ['投资企业', 'investorName'],
    ['签约企业', 'investorName'],
    ['企业名称', 'investorName'],
    ['客商名称', 'investorName'],
    ['投资方名称', 'investorName'],
    ['统一社会信用代码', 'investorCreditCode'],
    ['信用代码', 'investorCreditCode'],
    ['社会信用代码', 'investorCreditCode'],
    ['组织机构代码', 'investorCreditCode'],
    ['投资方统一社会信用代码（18位）', 'investorCreditCode'],
    ['所在地', 'investorPlace'],
    ['投资方所在地', 'investorPlace'],
    ['来源地', 'investorPlace'],
    ['客商来源地', 'investorPlace'],
    ['投资来源地', 'investorPlace'],
    ['企业所在地', 'investorPlace'],
    ['责任单位', 'unit'],
    ['牵头单位', 'unit'],
    ['责任部门', 'unit'],
    ['承办单位', 'unit'],
    ['招引单位', 'unit'],
    ['包抓单位', 'unit'],
    ['区级责任单位', 'unit'],
    ['项目阶段', 'stage'],
    ['推进阶段', 'stage'],
    ['项目状态', 'stage'],
    ['进展阶段', 'stage'],
    ['所处阶段', 'stage'],
    ['项目进度', 'stage'],
    ['所属行业', 'industry'],
    ['行业', 'industry'],
    ['行业类别', 'industry'],
    ['产业类别', 'industry'],
    ['内外资', 'capitalKind'],
    ['资金性质', 'capitalKind'],
    ['投资类型', 'capitalKind'],
    ['项目性质', 'projectKind'],
    ['建设性质', 'projectKind'],
    ['新建/扩建', 'projectKind'],
    ['建设内容', 'constructionContent'],
    ['项目内容', 'constructionContent'],
    ['主要建设内容', 'constructionContent'],
    ['项目简介', 'constructionContent'],
    ['协议投资额（万元）', 'agreedInvestment'],
    ['协议投资', 'agreedInvestment'],
    ['总投资', 'agreedInvestment'],
    ['计划总投资(亿元)', 'agreedInvestment'],
    ['投资总额', 'agreedInvestment'],
    ['项目总投资', 'agreedInvestment'],
    ['合同投资额', 'agreedInvestment'],
    ['协议总投资额', 'agreedInvestment'],
    ['固定资产投资', 'fixedAsset'],
    ['其中固定资产投资', 'fixedAsset'],
    ['其中：固定资产投资', 'fixedAsset'],
    ['其中:固定资产投资（万元）', 'fixedAsset'],
    ['固投', 'fixedAsset'],
    ['本年计划', 'fundsYearPlan'],
    ['本年计划到位', 'fundsYearPlan'],
    ['年度计划到位', 'fundsYearPlan'],
    ['2017年计划到位资金', 'fundsYearPlan'],
    ['本月到位', 'fundsMonth'],
    ['当月到位', 'fundsMonth'],
    ['本月到位资金', 'fundsMonth'],
    ['9月到位', 'fundsMonth'],
    ['九月份到位资金', 'fundsMonth'],
    ['本年到位', 'fundsYear'],
    ['本年累计到位', 'fundsYear'],
    ['今年到位', 'fundsYear'],
    ['1-9月到位', 'fundsYear'],
    ['1～9月累计到位资金（万元）', 'fundsYear'],
    ['1—9月到位', 'fundsYear'],
    ['一至九月到位', 'fundsYear'],
    ['2017年到位资金', 'fundsYear'],
    ['其中：本年到位', 'fundsYear'],
    ['累计到位', 'fundsCumulative'],
    ['累计到位资金', 'fundsCumulative'],
    ['到位资金', 'fundsCumulative'],
    ['实际到位资金', 'fundsCumulative'],
    ['已到位资金', 'fundsCumulative'],
    ['截至9月底累计到位', 'fundsCumulative'],
    ['入库时间', 'enteredOn'],
    ['入库日期', 'enteredOn'],
    ['签约时间', 'signedOn'],
    ['签约日期', 'signedOn'],
    ['签订时间', 'signedOn'],
    ['签约类型', 'agreementKind'],
    ['协议类型', 'agreementKind'],
    ['注册时间', 'registeredOn'],
    ['注册登记时间', 'registeredOn'],
    ['开工时间', 'actualStartOn'],
    ['实际开工时间', 'actualStartOn'],
    ['计划开工时间', 'plannedStartOn'],
    ['拟开工时间', 'plannedStartOn'],
    ['预计开工时间', 'plannedStartOn'],
    ['投产时间', 'productionOn'],
    ['实际投产时间', 'productionOn'],
    ['竣工投产时间', 'productionOn'],
    ['计划投产时间', 'plannedProductionOn'],
    ['预计投产时间', 'plannedProductionOn'],
    ['用地', 'landMu'],
    ['用地面积', 'landMu'],
    ['占地面积', 'landMu'],
    ['用地（亩）', 'landMu'],
    ['联系领导', 'leaderInCharge'],
    ['分管领导', 'leaderInCharge'],
    ['包抓领导', 'leaderInCharge'],
    ['责任领导', 'leaderInCharge'],
    ['县级联系领导', 'leaderInCharge'],
    ['联系人', 'contactName'],
    ['项目联系人', 'contactName'],
    ['对接人', 'contactName'],
    ['责任人', 'contactName'],
    ['联系电话', 'contactPhone'],
    ['电话', 'contactPhone'],
    ['手机', 'contactPhone'],
    ['目前进展', 'progress'],
    ['进展情况', 'progress'],
    ['项目进展', 'progress'],
    ['推进情况', 'progress'],
    ['最新进展', 'progress'],
    ['工作进展', 'progress'],
    ['截至目前进展情况', 'progress'],
    ['存在问题', 'problems'],
    ['存在的问题', 'problems'],
    ['困难和问题', 'problems'],
    ['需协调解决的问题', 'problems'],
    ['问题及建议', 'problems'],
    ['下步计划', 'nextSteps'],
    ['下一步工作', 'nextSteps'],
    ['下步工作打算', 'nextSteps'],
    ['下一步计划', 'nextSteps'],
    ['备注', 'remarks'],
  ] as [string, ImportField][])('%j → %s', (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each([
    ['投资方', '名称', 'investorName'],
    ['投资方', '企业名称', 'investorName'],
    ['投资主体', '名称', 'investorName'],
    ['投资企业', '信用代码', 'investorCreditCode'],
    ['投资方', '统一社会信用代码', 'investorCreditCode'],
    ['投资方', '所在地', 'investorPlace'],
    ['投资方', '来源地', 'investorPlace'],
    ['投资方（全称）', '名称', 'investorName'],
    ['到位资金', '本年计划', 'fundsYearPlan'],
    ['到位资金（万元）', '本月', 'fundsMonth'],
    ['到位资金', '本月到位', 'fundsMonth'],
    ['到位资金', '累计', 'fundsCumulative'],
    ['到位资金', '累计到位', 'fundsCumulative'],
    ['到位资金', '本年', 'fundsYear'],
    ['到位资金', '本年累计', 'fundsYear'],
    ['到位资金', '1-9月', 'fundsYear'],
    ['资金到位情况', '计划', 'fundsYearPlan'],
    ['时间', '签约', 'signedOn'],
    ['时间节点', '签约', 'signedOn'],
    ['时间节点', '开工', 'actualStartOn'],
    ['时间节点', '投产', 'productionOn'],
    ['时间节点', '计划开工', 'plannedStartOn'],
    ['时间节点', '签约时间', 'signedOn'],
    ['计划时间', '开工', 'plannedStartOn'],
    ['计划时间', '投产', 'plannedProductionOn'],
    ['开工时间', '计划', 'plannedStartOn'],
    ['开工时间', '实际', 'actualStartOn'],
    ['联系人', '姓名', 'contactName'],
    ['联系人', '电话', 'contactPhone'],
    ['联系人', '联系电话', 'contactPhone'],
    ['联系领导', '姓名', 'leaderInCharge'],
    ['项目', '名称', 'name'],
    ['项目基本情况', '项目名称', 'name'],
    ['投资额', '协议投资额', 'agreedInvestment'],
  ] as [string, string, ImportField][])('%s / %s → %s', (parent, header, field) => {
    expect(matchHeader(header, parent)).toBe(field);
  });

  it.each([
    ['联系领导', '职务'],
    ['联系领导', '电话'],
    ['联系人', '职务'],
    ['投资方', '法人代表'],
    ['时间节点', '验收'],
  ])('maps nothing for %s / %s', (parent, header) => {
    expect(matchHeader(header, parent)).toBeNull();
  });

  it.each([
    '',
    '  ',
    '（万元）',
    '法人代表',
    '时间',
    '万州区2017年招商引资项目推进台账',
    '一、在谈项目（22个）',
    '合计',
  ])('maps nothing for %j', (header) => {
    expect(matchHeader(header)).toBeNull();
  });

  it('takes a bare 名称 as a weak project-name match, and a group parent over it as strong', () => {
    expect(rankHeader('名称')).toEqual({ field: 'name', strength: 1 });
    expect(rankHeader('名称', '项目基本情况')).toEqual({ field: 'name', strength: 1 });
    expect(rankHeader('项目名称')).toEqual({ field: 'name', strength: 3 });
    expect(rankHeader('名称', '投资方')).toEqual({ field: 'investorName', strength: 4 });
    expect(rankHeader('项目名称及建设内容')).toEqual({ field: 'name', strength: 2 });
  });

  it.each([
    '在万州注册名称',
    '在本区注册企业名称',
    '在万州注册的公司名称',
    '在万州设立企业名称',
    '本地注册企业名称',
    '新注册企业名称',
    '注册企业名称',
    '项目公司名称',
    '项目公司',
    '项目业主',
    '项目业主单位',
    '项目单位',
    '落地企业名称',
  ])('takes the company the project registered, %j, as a weak project-name match', (header) => {
    expect(rankHeader(header)).toEqual({ field: 'name', strength: 1 });
  });

  it('takes 企业名称 as the investor, with the project name as its stand-in', () => {
    expect(rankHeader('企业名称')).toEqual({ field: 'investorName', strength: 3, standIn: 'name' });
    expect(rankHeader('公司名称')).toEqual({ field: 'investorName', strength: 3, standIn: 'name' });
    expect(rankHeader('企业名称', '投资方')).toEqual({ field: 'investorName', strength: 4 });
    expect(rankHeader('投资企业名称')).toEqual({ field: 'investorName', strength: 3 });
  });

  it.each([
    '国民经济行业',
    '国民经济行业分类',
    '国民经济行业分类（GB/T 4754-2017）',
    '国民经济行业分类及代码',
    '所属国民经济行业',
    '行业代码',
    '行业类别',
    '所属行业',
    '所属行业（代码）',
    '产业类别',
    '行业分类',
    '行业分类及代码',
    '行业门类',
    '行业名称',
  ])('maps %j to the industry', (header) => {
    expect(matchHeader(header)).toBe('industry');
  });

  it.each(['行业主管部门', '产业园区'])('does not take %j for the industry', (header) => {
    expect(matchHeader(header)).not.toBe('industry');
  });
});

describe('mappingKey', () => {
  it('normalises the text, prefixed by its parent', () => {
    expect(mappingKey('协议投资额\n（万元）')).toBe('协议投资额');
    expect(mappingKey('名称', '投资方')).toBe('投资方/名称');
    expect(mappingKey(' 本 月 ', '到位资金（万元）')).toBe('到位资金(万元)/本月');
    expect(mappingKey('名称', null)).toBe('名称');
  });
});

describe('proposeMapping', () => {
  it('maps one column per header, with the header as shown and amount units', () => {
    const mapping = proposeMapping(
      [
        { text: '序号', parent: null },
        { text: '项目\n名称', parent: null },
        { text: '名称', parent: '投资方' },
        { text: '协议投资额\n（亿元）', parent: null },
        { text: '本年计划', parent: '到位资金（万元）' },
        { text: '累计到位(元)', parent: '到位资金（万元）' },
        { text: '固定资产投资', parent: null },
        { text: '用地（亩）', parent: null },
        { text: '法人代表', parent: null },
      ],
      { defaultUnit: 'yi' },
    );
    expect(mapping).toEqual([
      { column: 0, header: '序号', field: 'seq', unit: null },
      { column: 1, header: '项目名称', field: 'name', unit: null },
      { column: 2, header: '投资方/名称', field: 'investorName', unit: null },
      { column: 3, header: '协议投资额（亿元）', field: 'agreedInvestment', unit: 'yi' },
      { column: 4, header: '到位资金（万元）/本年计划', field: 'fundsYearPlan', unit: 'wan' },
      { column: 5, header: '到位资金（万元）/累计到位(元)', field: 'fundsCumulative', unit: 'yuan' },
      { column: 6, header: '固定资产投资', field: 'fixedAsset', unit: 'yi' },
      { column: 7, header: '用地（亩）', field: 'landMu', unit: null },
      { column: 8, header: '法人代表', field: null, unit: null },
    ]);
  });

  it('leaves amount units null without a header unit or default', () => {
    const mapping = proposeMapping(headers('项目名称', '协议投资额', '到位资金（万元）'));
    expect(mapping.map((column) => column.unit)).toEqual([null, null, 'wan']);
  });

  it('gives each field to one column: the first of equal matches, else the strongest', () => {
    expect(proposeMapping(headers('项目名称', '协议投资额', '总投资')).map((c) => c.field)).toEqual([
      'name',
      'agreedInvestment',
      null,
    ]);
    expect(proposeMapping(headers('项目名称及建设内容', '项目名称')).map((c) => c.field)).toEqual([
      null,
      'name',
    ]);
  });

  it('takes a bare 名称 as the project name only when no 项目名称 column exists', () => {
    expect(proposeMapping(headers('序号', '名称', '企业名称')).map((c) => c.field)).toEqual([
      'seq',
      'name',
      'investorName',
    ]);
    expect(proposeMapping(headers('名称', '项目名称')).map((c) => c.field)).toEqual([null, 'name']);
    expect(
      proposeMapping([
        { text: '项目名称', parent: null },
        { text: '名称', parent: '投资方' },
      ]).map((c) => c.field),
    ).toEqual(['name', 'investorName']);
  });

  it('takes 在万州注册名称 as the project name when no 项目名称 column exists', () => {
    const mapping = proposeMapping(
      headers('序号', '在万州注册名称', '投资方', '所属行业', '协议投资额（万元）', '项目阶段'),
    );
    expect(mapping.map((c) => c.field)).toEqual([
      'seq',
      'name',
      'investorName',
      'industry',
      'agreedInvestment',
      'stage',
    ]);
  });

  it('takes 项目名称 as the project name beside 在万州注册名称, which then maps to nothing', () => {
    const mapping = proposeMapping(headers('序号', '在万州注册名称', '项目名称', '企业名称'));
    expect(mapping.map((c) => c.field)).toEqual(['seq', null, 'name', 'investorName']);
  });

  it('keeps 企业名称 for the investor beside any name header, and lets it name the project alone', () => {
    expect(proposeMapping(headers('企业名称', '在万州注册名称')).map((c) => c.field)).toEqual([
      'investorName',
      'name',
    ]);
    expect(proposeMapping(headers('企业名称', '名称')).map((c) => c.field)).toEqual(['investorName', 'name']);
    expect(proposeMapping(headers('序号', '企业名称', '投资方', '所属行业')).map((c) => c.field)).toEqual([
      'seq',
      'name',
      'investorName',
      'industry',
    ]);
    expect(proposeMapping(headers('序号', '企业名称', '所属行业')).map((c) => c.field)).toEqual([
      'seq',
      'name',
      'industry',
    ]);
  });

  it('lets a saved mapping decide 企业名称 even when no name column exists', () => {
    const mapping = proposeMapping(headers('企业名称', '项目简称'), {
      saved: { 企业名称: 'investorName', 项目简称: 'name' },
    });
    expect(mapping.map((c) => c.field)).toEqual(['investorName', 'name']);
  });

  it('lets saved mappings override, including a saved "not imported"', () => {
    const mapping = proposeMapping(
      [
        { text: '项目名称', parent: null },
        { text: '法人代表', parent: null },
        { text: '名称', parent: '投资方' },
        { text: '备注', parent: null },
        { text: '说明', parent: null },
      ],
      { saved: { 法人代表: 'contactName', '投资方/名称': null, 备注: null } },
    );
    expect(mapping.map((c) => c.field)).toEqual(['name', 'contactName', null, null, 'remarks']);
  });

  it('lets a saved field win over a matched column of the same field', () => {
    const mapping = proposeMapping(headers('项目名称', '项目简称'), { saved: { 项目简称: 'name' } });
    expect(mapping.map((c) => c.field)).toEqual([null, 'name']);
  });

  it('ignores saved entries naming no known field', () => {
    const saved = { 项目名称: 'nonsense' } as unknown as Record<string, ImportField | null>;
    expect(proposeMapping(headers('项目名称'), { saved })[0]?.field).toBe('name');
  });

  it('maps empty headers to nothing', () => {
    expect(proposeMapping(headers('', '项目名称', ''))).toEqual([
      { column: 0, header: '', field: null, unit: null },
      { column: 1, header: '项目名称', field: 'name', unit: null },
      { column: 2, header: '', field: null, unit: null },
    ]);
  });
});
