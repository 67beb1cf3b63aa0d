/**
 * The invented district of the demo, modelled on the source document (Wanzhou's
 * 2017 industrial investment plan): four working groups, ten units, investors
 * from the Yangtze and Pearl River deltas and the Bohai rim, the four focus
 * industries. Every name is invented.
 */
export const demoTenant = { name: '万州区（演示数据）', divisionCode: '500101' };

export const demoUnits: {
  name: string;
  kind: 'department' | 'town' | 'zone';
  group: 'new_projects' | 'in_zone' | 'out_zone';
}[] = [
  { name: '区经济信息委', kind: 'department', group: 'new_projects' },
  { name: '区招商投资促进局', kind: 'department', group: 'new_projects' },
  { name: '区商务委', kind: 'department', group: 'new_projects' },
  { name: '区科技局', kind: 'department', group: 'out_zone' },
  { name: '经开区管委会', kind: 'zone', group: 'in_zone' },
  { name: '高峰园区', kind: 'zone', group: 'in_zone' },
  { name: '龙都街道', kind: 'town', group: 'out_zone' },
  { name: '天城镇', kind: 'town', group: 'out_zone' },
  { name: '分水镇', kind: 'town', group: 'out_zone' },
  { name: '新田镇', kind: 'town', group: 'out_zone' },
];

/** Origins (GB/T 2260) with a weight: mostly the eastern clusters, some local and other. */
export const demoOrigins = [
  '310115',
  '320583',
  '320211',
  '330281',
  '330106',
  '340104', // 长三角
  '440604',
  '440305',
  '441900',
  '442000',
  '440113', // 珠三角
  '110108',
  '120116',
  '370212',
  '210211', // 环渤海
  '500103',
  '500112',
  '510107',
  '420111',
  '430104', // 本地 (重庆) and other
];

/** Industry classes per focus industry (GB/T 4754-2017). */
export const demoIndustries = [
  { code: '3670', words: ['汽车零部件', '新能源汽车电驱', '汽车轮毂', '车用线束'] },
  { code: '3511', words: ['矿山装备', '智能制造装备', '工业机器人'] },
  { code: '3872', words: ['LED照明', '智能照明', '照明灯具'] },
  { code: '3821', words: ['高低压电器', '输配电设备', '电机'] },
  { code: '3062', words: ['玄武岩纤维', '玻璃纤维复合材料', '新型建材'] },
  { code: '3216', words: ['铝合金型材', '镁合金压铸'] },
  { code: '2720', words: ['化学制剂', '中成药', '原料药'] },
  { code: '3581', words: ['医疗器械', '医用耗材'] },
  { code: '3399', words: ['五金配套', '精密结构件'] },
];

export const demoCompanyPrefixes = [
  '长江',
  '东海',
  '华岳',
  '明远',
  '鼎盛',
  '恒通',
  '瑞丰',
  '聚能',
  '凯达',
  '天宇',
  '嘉盛',
  '锦程',
  '博远',
  '宏图',
  '永信',
  '联创',
  '中科',
  '海川',
  '金鹏',
  '正泰和',
];

export const demoLeaders = ['王副区长', '陈副区长', '刘副区长'];

export const demoProgress = [
  { current: '已完成项目选址踏勘，双方就土地价格进行磋商', problems: '', nextSteps: '下周提交投资协议初稿' },
  {
    current: '投资方来万考察，参观经开区标准厂房',
    problems: '厂房层高不满足设备要求',
    nextSteps: '协调园区提供定制厂房方案',
  },
  {
    current: '完成项目备案，正在办理环评手续',
    problems: '环评批复进度偏慢',
    nextSteps: '提请综合协调组协调生态环境局',
  },
  { current: '设备已进场安装，部分产线开始调试', problems: '', nextSteps: '争取本月底试生产' },
  {
    current: '协议文本已修改完毕，待双方签字',
    problems: '税收返还条款仍有分歧',
    nextSteps: '报分管领导研究',
  },
  { current: '项目用地已挂牌，企业准备参与竞拍', problems: '', nextSteps: '跟进土地出让程序' },
  { current: '厂房主体结构封顶', problems: '电力增容尚未落实', nextSteps: '协调供电公司现场办公' },
];

export const demoLeadSources = ['以商招商', '展会推介', '中介机构', '驻外招商', '上级推送', '企业来访'];
