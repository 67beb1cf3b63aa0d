/**
 * The sentence the import preview shows about a sheet's cut-off and where it was read from:
 * 截止时间 2017-09-30（来自标题中的统计期间“1-9月”）. Pure; used by server and web.
 */
import type { Locale } from '../errors.ts';
import type { CutOffSource, CutOffYearSource, SheetMeta } from './sheet-meta.ts';

const yearNotes: Record<CutOffYearSource, Record<Locale, string>> = {
  line: { 'zh-CN': '', 'en-US': '' },
  title: { 'zh-CN': '，年份取自标题', 'en-US': ', the year taken from the title' },
  report_date: { 'zh-CN': '，年份取自填报日期', 'en-US': ', the year taken from the fill-in date' },
  reference_date: { 'zh-CN': '，年份按今年', 'en-US': ', the year taken as the current one' },
};

function origin(source: CutOffSource, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const where = source.inTitle ? (zh ? '标题中的' : ' in the title') : zh ? '表格上方的' : ' above the table';
  const text = source.text;
  switch (source.kind) {
    case 'period':
      return zh ? `来自${where}统计期间“${text}”` : `from the reporting period “${text}”${where}`;
    case 'cut_off_key':
      return zh ? `来自${where}“${text}”` : `from “${text}”${where}`;
    case 'title':
      return zh ? `来自标题中的日期“${text}”` : `from the date “${text}” in the title`;
    case 'report_date':
      return zh
        ? `文件只写了“${text}”，按填报日期计`
        : `the file gives only “${text}”, the day it was filled in`;
  }
}

/**
 * '截止时间 2017-09-30（来自标题中的统计期间“1-9月”）', 'Cut-off 2017-09-30 (from the reporting
 * period “1-9月” in the title)'; '文件未写明截止时间' when the meta has none.
 */
export function describeCutOff(
  meta: Pick<SheetMeta, 'cutOff' | 'cutOffSource'>,
  locale: Locale = 'zh-CN',
): string {
  const zh = locale === 'zh-CN';
  if (meta.cutOff === null) return zh ? '文件未写明截止时间' : 'The file states no cut-off';
  if (meta.cutOffSource === null) return zh ? `截止时间 ${meta.cutOff}` : `Cut-off ${meta.cutOff}`;
  const source = meta.cutOffSource;
  const note = source.yearFrom ? yearNotes[source.yearFrom][locale] : '';
  return zh
    ? `截止时间 ${meta.cutOff}（${origin(source, locale)}${note}）`
    : `Cut-off ${meta.cutOff} (${origin(source, locale)}${note})`;
}
