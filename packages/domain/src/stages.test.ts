import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCreditCode } from './credit-code.ts';
import {
  activeStages,
  applyStageMove,
  classifyMove,
  constructionEvidenceSchema,
  evidenceSchemaFor,
  listAllowedMoves,
  moveKindLabels,
  moveKinds,
  negotiatingEvidenceSchema,
  productionEvidenceSchema,
  reasonEvidenceSchema,
  settledEvidenceSchema,
  signedEvidenceSchema,
  stageLabels,
  stageMoveErrorMessages,
  stageMoveErrors,
  stages,
  type ActiveStage,
  type Stage,
  type StageState,
} from './stages.ts';

const attachmentId = '0190f4c2-4b8e-7d2a-9c3e-1a2b3c4d5e6f';
const localCreditCode = buildCreditCode({
  authority: '9',
  entityType: '1',
  divisionCode: '500101',
  organisationBody: 'MA5U7X2K',
});

function messagesOf(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('stage vocabulary', () => {
  it('labels every stage and move in both languages', () => {
    for (const stage of stages) expect(stageLabels[stage]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    for (const kind of moveKinds) expect(moveKindLabels[kind]['en-US']).toMatch(/^[A-Z]/);
    for (const error of stageMoveErrors)
      expect(stageMoveErrorMessages[error]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(activeStages).toEqual(stages.slice(0, 6));
  });
});

describe('classifyMove', () => {
  it.each([
    ['planning', 'negotiating', 'advance'],
    ['negotiating', 'signed', 'advance'],
    ['signed', 'settled', 'advance'],
    ['settled', 'construction', 'advance'],
    ['construction', 'production', 'advance'],
    ['negotiating', 'planning', 'revert'],
    ['production', 'construction', 'revert'],
    ['planning', 'paused', 'pause'],
    ['production', 'paused', 'pause'],
    ['planning', 'dropped', 'drop'],
    ['production', 'dropped', 'drop'],
    ['paused', 'dropped', 'drop'],
  ] as [Stage, Stage, string][])('%s → %s is %s', (from, to, kind) => {
    expect(classifyMove(from, to)).toEqual({ ok: true, kind });
  });

  it.each([
    ['planning', 'planning', 'same_stage'],
    ['paused', 'paused', 'same_stage'],
    ['planning', 'signed', 'skips_stages'],
    ['planning', 'production', 'skips_stages'],
    ['signed', 'construction', 'skips_stages'],
    ['signed', 'planning', 'revert_too_far'],
    ['production', 'planning', 'revert_too_far'],
    ['paused', 'signed', 'origin_unknown'],
    ['dropped', 'signed', 'origin_unknown'],
  ] as [Stage, Stage, string][])('%s → %s is refused: %s', (from, to, error) => {
    expect(classifyMove(from, to)).toEqual({ ok: false, error });
  });

  it('resumes a paused project only at the stage it was paused from', () => {
    const context = { pausedFrom: 'signed' as const };
    expect(classifyMove('paused', 'signed', context)).toEqual({ ok: true, kind: 'resume' });
    expect(classifyMove('paused', 'settled', context)).toEqual({ ok: false, error: 'resume_elsewhere' });
    expect(classifyMove('paused', 'negotiating', context)).toEqual({ ok: false, error: 'resume_elsewhere' });
    expect(classifyMove('paused', 'dropped', context)).toEqual({ ok: true, kind: 'drop' });
    expect(classifyMove('paused', 'signed', { pausedFrom: 'dropped' })).toEqual({
      ok: false,
      error: 'origin_unknown',
    });
  });

  it('reopens a dropped project only at the stage it was dropped from', () => {
    const context = { droppedFrom: 'construction' as const };
    expect(classifyMove('dropped', 'construction', context)).toEqual({ ok: true, kind: 'reopen' });
    expect(classifyMove('dropped', 'planning', context)).toEqual({ ok: false, error: 'reopen_elsewhere' });
    expect(classifyMove('dropped', 'paused', context)).toEqual({ ok: false, error: 'reopen_elsewhere' });
    expect(classifyMove('dropped', 'construction', { droppedFrom: 'paused' })).toEqual({
      ok: false,
      error: 'origin_unknown',
    });
  });

  it('allows exactly the expected number of moves from each state', () => {
    const targets = (state: StageState) => listAllowedMoves(state).map((move) => move.to);
    expect(targets({ stage: 'planning' })).toEqual(['negotiating', 'paused', 'dropped']);
    expect(targets({ stage: 'signed' })).toEqual(['negotiating', 'settled', 'paused', 'dropped']);
    expect(targets({ stage: 'production' })).toEqual(['construction', 'paused', 'dropped']);
    expect(targets({ stage: 'paused', pausedFrom: 'settled' })).toEqual(['settled', 'dropped']);
    expect(targets({ stage: 'paused' })).toEqual(['dropped']);
    expect(targets({ stage: 'dropped', droppedFrom: 'planning' })).toEqual(['planning']);
    expect(targets({ stage: 'dropped' })).toEqual([]);
  });
});

describe('applyStageMove', () => {
  it('records where a pause or drop came from', () => {
    const paused = applyStageMove({ stage: 'settled' }, 'paused');
    expect(paused).toEqual({ ok: true, kind: 'pause', state: { stage: 'paused', pausedFrom: 'settled' } });
    if (!paused.ok) return;
    const dropped = applyStageMove(paused.state, 'dropped');
    expect(dropped).toEqual({ ok: true, kind: 'drop', state: { stage: 'dropped', droppedFrom: 'settled' } });
    if (!dropped.ok) return;
    expect(applyStageMove(dropped.state, 'settled')).toEqual({
      ok: true,
      kind: 'reopen',
      state: { stage: 'settled' },
    });
  });

  it('refuses a move with the reason', () => {
    expect(applyStageMove({ stage: 'planning' }, 'settled')).toEqual({ ok: false, error: 'skips_stages' });
  });

  it('keeps every reachable history consistent (random requested moves)', () => {
    // a request is a stage, or 'onward': the next active stage, or back to the recorded origin
    const requestArbitrary = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom<Stage>(...stages) },
      { weight: 3, arbitrary: fc.constant('onward' as const) },
    );
    const resolve = (state: StageState, request: Stage | 'onward'): Stage => {
      if (request !== 'onward') return request;
      if (state.stage === 'paused') return state.pausedFrom ?? 'planning';
      if (state.stage === 'dropped') return state.droppedFrom ?? 'planning';
      return activeStages[activeStages.indexOf(state.stage) + 1] ?? 'paused';
    };
    let reachedProduction = 0;
    fc.assert(
      fc.property(fc.array(requestArbitrary, { maxLength: 80 }), (requests) => {
        let state: StageState = { stage: 'planning' };
        let highest = 0; // index of the furthest active stage entered
        let lastActive: ActiveStage = 'planning';
        for (const request of requests) {
          const to = resolve(state, request);
          const result = applyStageMove(state, to);
          const previous = state;
          if (!result.ok) {
            expect(classifyMove(previous.stage, to, previous).ok).toBe(false);
            continue;
          }
          state = result.state;
          expect(state.stage).toBe(to);
          expect(stages).toContain(state.stage);
          switch (result.kind) {
            case 'advance': {
              const index = activeStages.indexOf(to as ActiveStage);
              // each step forward is from the stage immediately before it
              expect(activeStages[index - 1]).toBe(previous.stage);
              expect(index).toBeLessThanOrEqual(highest + 1);
              highest = Math.max(highest, index);
              break;
            }
            case 'revert':
              expect(activeStages.indexOf(to as ActiveStage)).toBe(
                activeStages.indexOf(previous.stage as ActiveStage) - 1,
              );
              break;
            case 'pause':
              expect(state.pausedFrom).toBe(previous.stage);
              break;
            case 'drop':
              expect(state.droppedFrom).toBe(lastActive);
              break;
            case 'resume':
              expect(to).toBe(previous.pausedFrom);
              expect(to).toBe(lastActive);
              break;
            case 'reopen':
              expect(to).toBe(previous.droppedFrom);
              expect(to).toBe(lastActive);
              break;
          }
          if (state.stage === 'production') expect(highest).toBe(5);
          if (state.stage !== 'paused' && state.stage !== 'dropped') lastActive = state.stage;
        }
        if (highest === 5) reachedProduction++;
      }),
      { numRuns: 500 },
    );
    expect(reachedProduction).toBeGreaterThan(50); // the walk does reach the end of the pipeline
  });

  it('reaches production by walking the pipeline', () => {
    let state: StageState = { stage: 'planning' };
    for (const to of activeStages.slice(1)) {
      const result = applyStageMove(state, to);
      expect(result.ok && result.kind).toBe('advance');
      if (result.ok) state = result.state;
    }
    expect(state.stage).toBe('production');
  });
});

describe('evidence', () => {
  const move = (from: Stage, to: Stage) => {
    const result = classifyMove(from, to, { pausedFrom: 'signed', droppedFrom: 'signed' });
    if (!result.ok) throw new Error(result.error);
    return { from, to, kind: result.kind };
  };

  it('picks the schema for each move', () => {
    expect(evidenceSchemaFor(move('planning', 'negotiating'))).toBe(negotiatingEvidenceSchema);
    expect(evidenceSchemaFor(move('negotiating', 'signed'))).toBe(signedEvidenceSchema);
    expect(evidenceSchemaFor(move('signed', 'settled'))).toBe(settledEvidenceSchema);
    expect(evidenceSchemaFor(move('settled', 'construction'))).toBe(constructionEvidenceSchema);
    expect(evidenceSchemaFor(move('construction', 'production'))).toBe(productionEvidenceSchema);
    for (const [from, to] of [
      ['signed', 'paused'],
      ['paused', 'signed'],
      ['signed', 'dropped'],
      ['dropped', 'signed'],
      ['signed', 'negotiating'],
    ] as [Stage, Stage][]) {
      expect(evidenceSchemaFor(move(from, to))).toBe(reasonEvidenceSchema);
    }
    expect(() => evidenceSchemaFor({ from: 'paused', to: 'planning', kind: 'advance' })).toThrow(RangeError);
  });

  it('signing needs the agreement kind, a positive agreed investment, and the agreement file or why not', () => {
    const good = {
      date: '2026-03-05',
      agreementKind: 'framework',
      agreedInvestmentFen: 5_000_000_000,
      noAgreementReason: '协议原件在投资方盖章',
    };
    expect(signedEvidenceSchema.parse(good)).toEqual(good);
    const { noAgreementReason: _reason, ...bare } = good;
    expect(signedEvidenceSchema.safeParse({ ...bare, attachmentId }).success).toBe(true);
    expect(messagesOf(signedEvidenceSchema.safeParse(bare))).toEqual(['请上传协议文件，或说明未上传的原因']);
    expect(messagesOf(signedEvidenceSchema.safeParse({ ...bare, noAgreementReason: '  ' }))).toEqual([
      '请上传协议文件，或说明未上传的原因',
    ]);
    expect(messagesOf(signedEvidenceSchema.safeParse({ ...good, agreedInvestmentFen: 0 }))).toEqual([
      '协议投资额应大于 0',
    ]);
    expect(messagesOf(signedEvidenceSchema.safeParse({ ...good, agreementKind: 'memo' }))).toEqual([
      '请选择协议类型（框架协议或正式合同）',
    ]);
    expect(messagesOf(signedEvidenceSchema.safeParse({ ...good, date: '2026-02-30' }))).toEqual([
      '日期应为有效的 YYYY-MM-DD 格式',
    ]);
    expect(messagesOf(signedEvidenceSchema.safeParse({ ...good, attachmentId: 'x' }))).toEqual([
      '附件编号无效',
    ]);
  });

  it('settling needs the registration date and a valid local credit code', () => {
    const good = { date: '2026-05-10', registeredOn: '2026-05-08', localCreditCode };
    expect(settledEvidenceSchema.parse({ ...good, localCreditCode: localCreditCode.toLowerCase() })).toEqual(
      good,
    );
    expect(
      messagesOf(settledEvidenceSchema.safeParse({ ...good, localCreditCode: '91350100M000100Y44' })),
    ).toEqual(['第 18 位校验码不正确，请核对代码是否抄错']);
    expect(messagesOf(settledEvidenceSchema.safeParse({ ...good, registeredOn: '2026-05-11' }))).toEqual([
      '注册登记日期不能晚于落地日期',
    ]);
    expect(messagesOf(settledEvidenceSchema.safeParse({ date: '2026-05-10', localCreditCode }))).toEqual([
      '请填写注册登记日期',
    ]);
  });

  it('construction needs the actual start and an attachment', () => {
    const good = { date: '2026-07-01', actualStartOn: '2026-06-28', attachmentId };
    expect(constructionEvidenceSchema.parse(good)).toEqual(good);
    expect(messagesOf(constructionEvidenceSchema.safeParse({ ...good, attachmentId: undefined }))).toEqual([
      '请上传施工许可证或带日期的现场照片',
    ]);
    expect(
      messagesOf(constructionEvidenceSchema.safeParse({ ...good, actualStartOn: '2026-07-02' })),
    ).toEqual(['实际开工日期不能晚于记录日期']);
  });

  it('pause, drop, reopen, resume and revert need a reason of at most 500 characters', () => {
    expect(reasonEvidenceSchema.parse({ date: '2026-08-01', reason: '  企业资金链紧张 ' })).toEqual({
      date: '2026-08-01',
      reason: '企业资金链紧张',
    });
    expect(messagesOf(reasonEvidenceSchema.safeParse({ date: '2026-08-01', reason: '   ' }))).toEqual([
      '请填写原因',
    ]);
    expect(messagesOf(reasonEvidenceSchema.safeParse({ date: '2026-08-01' }))).toEqual(['请填写原因']);
    expect(reasonEvidenceSchema.safeParse({ date: '2026-08-01', reason: '因'.repeat(500) }).success).toBe(
      true,
    );
    expect(
      messagesOf(reasonEvidenceSchema.safeParse({ date: '2026-08-01', reason: '因'.repeat(501) })),
    ).toEqual(['原因不能超过 500 字']);
    expect(messagesOf(productionEvidenceSchema.safeParse({ evidenceKind: 'licence', attachmentId }))).toEqual(
      ['请填写日期'],
    );
  });

  it('production needs a licence, an acceptance record or a site photo with the day it was taken', () => {
    const date = '2026-09-01';
    expect(
      productionEvidenceSchema.safeParse({ date, evidenceKind: 'acceptance', attachmentId }).success,
    ).toBe(true);
    expect(messagesOf(productionEvidenceSchema.safeParse({ date, attachmentId }))).toEqual([
      '请选择投产证据（生产许可证、竣工验收记录或带日期的现场照片）',
    ]);
    expect(messagesOf(productionEvidenceSchema.safeParse({ date, evidenceKind: 'licence' }))).toEqual([
      '请上传投产证据文件',
    ]);
    expect(
      messagesOf(productionEvidenceSchema.safeParse({ date, evidenceKind: 'site_photo', attachmentId })),
    ).toEqual(['请填写照片拍摄日期']);
  });
});
