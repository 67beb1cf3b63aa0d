import { describe, expect, it } from 'vitest';
import { missingEvidence, missingEvidenceText, type EvidenceFacts } from './evidence.ts';

const bare: EvidenceFacts = {
  stage: 'planning',
  stageBefore: null,
  signedOn: null,
  agreementKind: null,
  agreedInvestmentFen: 0,
  registeredOn: null,
  localCreditCode: null,
  actualStartOn: null,
  productionOn: null,
};

describe('missingEvidence', () => {
  it('asks nothing before signing, and of a dropped project', () => {
    expect(missingEvidence({ ...bare, stage: 'negotiating' })).toEqual([]);
    expect(missingEvidence({ ...bare, stage: 'dropped', stageBefore: 'construction' })).toEqual([]);
  });

  it('asks each stage reached for its evidence, in pipeline order', () => {
    expect(missingEvidence({ ...bare, stage: 'signed', signedOn: '2017-01-01' })).toEqual([
      'agreementKind',
      'agreedInvestment',
    ]);
    expect(
      missingEvidence({
        ...bare,
        stage: 'production',
        signedOn: '2017-01-01',
        agreementKind: 'formal',
        agreedInvestmentFen: '100',
        registeredOn: '2017-02-01',
        localCreditCode: 'x',
      }),
    ).toEqual(['actualStartOn', 'productionOn']);
  });

  it('answers for the stage a paused project was paused from', () => {
    expect(
      missingEvidence({ ...bare, stage: 'paused', stageBefore: 'settled', agreementKind: 'formal' }),
    ).toEqual(['signedOn', 'agreedInvestment', 'registeredOn', 'localCreditCode']);
  });

  it('says what is missing in Chinese', () => {
    expect(missingEvidenceText(['actualStartOn', 'localCreditCode'])).toBe(
      '待补证据：实际开工日期、本地注册主体统一社会信用代码',
    );
  });
});
