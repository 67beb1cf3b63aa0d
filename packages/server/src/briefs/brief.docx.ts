import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';
import type { Brief } from './brief.service.ts';

/** 公文-style fonts and sizes (half-points): 二号 22pt title, 三号 16pt text. */
const TITLE_FONT = '方正小标宋简体';
const HEADING_FONT = '黑体';
const BODY_FONT = '仿宋_GB2312';
const RED = 'C00000';

function run(text: string, opts: { font?: string; size?: number; bold?: boolean; color?: string } = {}) {
  return new TextRun({
    text,
    font: opts.font ?? BODY_FONT,
    size: opts.size ?? 32,
    bold: opts.bold,
    color: opts.color,
  });
}

function body(text: string, indent = true) {
  return new Paragraph({
    children: [run(text)],
    indent: indent ? { firstLine: 640 } : undefined,
    spacing: { line: 560 },
  });
}

/**
 * The brief as a Word document in the official layout: the red masthead title, the issue line
 * (〔2026〕第3期), the issuer and date over a red rule, the period, then the numbered sections
 * (一、二、三…), each with its summary and its numbered lines (in a city's brief each prefixed 【区县】).
 */
export async function writeBriefDocx(brief: Brief): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run(brief.title, { font: TITLE_FONT, size: 44, color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [run(brief.issueNumber)],
    }),
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } },
      spacing: { after: 300 },
      children: [run(brief.issuer), run('\u3000\u3000'), run(brief.dateText)],
    }),
    body(`统计期间：${brief.period.from}至${brief.period.to}。`),
  ];
  for (const section of brief.sections) {
    children.push(
      new Paragraph({
        indent: { firstLine: 640 },
        spacing: { before: 200, line: 560 },
        children: [run(section.heading, { font: HEADING_FONT })],
      }),
    );
    children.push(body(section.summary));
    // A city's brief names each line's 区县.
    const district = (line: Brief['sections'][number]['lines'][number]) =>
      brief.tenants.length > 1 ? `【${line.tenantName}】` : '';
    section.lines.forEach((line, i) => children.push(body(`${i + 1}．${district(line)}${line.text}`)));
  }
  const document = new Document({
    title: brief.title,
    creator: brief.issuer,
    description: `${brief.issueNumber} ${brief.dateText}`,
    sections: [
      {
        properties: {
          page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
