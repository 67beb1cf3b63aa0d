import { describe, expect, it } from 'vitest';
import { evidenceRecordSchema } from '@landfall/domain/evidence';
import { asksForAgreement, evidenceFormPath, evidenceItemsOf, evidencePayload } from './evidenceRecord.ts';

describe('the 补录证据 payload', () => {
  it('sends only the missing items that were filled in, with the version', () => {
    const payload = evidencePayload(
      ['actualStartOn', 'registeredOn'],
      { actualStartOn: '2025-08-20', registeredOn: '  ', signedOn: '2025-01-01' },
      4,
    );
    expect(payload).toEqual({ version: 4, actualStartOn: '2025-08-20' });
    expect(evidenceRecordSchema.safeParse(payload).success).toBe(true);
  });

  it('converts 万元 text to exact fen, a suffix overriding the unit', () => {
    const fen = (text: string) =>
      evidencePayload(['agreedInvestment'], { agreedInvestmentWan: text }, 1).agreedInvestmentFen;
    expect(fen('1234.5678')).toBe(1_234_567_800);
    expect(fen('0.0001')).toBe(100);
    expect(fen('1.5亿')).toBe(15_000_000_000);
    expect(fen('6,000')).toBe(6_000_000_000);
    expect(fen('350万元')).toBe(350_000_000);
  });

  it('leaves text that is no amount for the schema to refuse', () => {
    const payload = evidencePayload(['agreedInvestment'], { agreedInvestmentWan: '约一千万' }, 1);
    const result = evidenceRecordSchema.safeParse(payload);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => evidenceFormPath(i.path as string[]))).toContainEqual([
      'agreedInvestmentWan',
    ]);
  });

  it('normalises the credit code and the schema checks it', () => {
    const good = evidencePayload(['localCreditCode'], { localCreditCode: ' 91350100m000100y43 ' }, 2);
    expect(good).toEqual({ version: 2, localCreditCode: '91350100M000100Y43' });
    expect(evidenceRecordSchema.safeParse(good).success).toBe(true);
    const bad = evidencePayload(['localCreditCode'], { localCreditCode: '91350100M000100Y44' }, 2);
    expect(evidenceRecordSchema.safeParse(bad).success).toBe(false);
  });

  it('is refused by the schema when nothing was filled in', () => {
    const empty = evidencePayload(['actualStartOn', 'agreementKind'], {}, 3);
    expect(empty).toEqual({ version: 3 });
    const result = evidenceRecordSchema.safeParse(empty);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('请至少填写一项证据');
  });

  it('sends the agreement file, else the reason, only with signing items', () => {
    const file = '0b9c6f0e-6a35-4d43-9b7e-5c0f3b1e2a11';
    const values = { agreementKind: 'formal', agreementAttachmentId: file, noAgreementReason: '原件在企业' };
    expect(evidencePayload(['agreementKind'], values, 5)).toEqual({
      version: 5,
      agreementKind: 'formal',
      agreementAttachmentId: file,
    });
    expect(evidencePayload(['agreementKind'], { ...values, agreementAttachmentId: null }, 5)).toEqual({
      version: 5,
      agreementKind: 'formal',
      noAgreementReason: '原件在企业',
    });
    expect(evidencePayload(['actualStartOn'], { ...values, actualStartOn: '2025-08-20' }, 5)).toEqual({
      version: 5,
      actualStartOn: '2025-08-20',
    });
    expect(asksForAgreement(['agreedInvestment'])).toBe(true);
    expect(asksForAgreement(['registeredOn', 'actualStartOn'])).toBe(false);
  });

  it('keeps known items only, in order', () => {
    expect(evidenceItemsOf(['agreementKind', 'somethingElse', 'productionOn'])).toEqual([
      'agreementKind',
      'productionOn',
    ]);
  });
});
