import {
  evidenceField,
  isEvidenceItem,
  normaliseCreditCode,
  parseAmount,
  signingEvidenceItems,
  type EvidenceItem,
  type EvidenceRecordInput,
} from '@landfall/domain';

/** The 补录证据 form's field of each item: dates as 'YYYY-MM-DD' text, the amount as 万元 text. */
export const evidenceFormField = {
  signedOn: 'signedOn',
  agreementKind: 'agreementKind',
  agreedInvestment: 'agreedInvestmentWan',
  registeredOn: 'registeredOn',
  localCreditCode: 'localCreditCode',
  actualStartOn: 'actualStartOn',
  productionOn: 'productionOn',
} as const satisfies Record<EvidenceItem, string>;
export type EvidenceFormField = (typeof evidenceFormField)[EvidenceItem];
export type EvidenceFormValues = Partial<
  Record<EvidenceFormField | 'agreementAttachmentId' | 'noAgreementReason', string | null>
>;

/** Whether the form records signing items, and so asks for the agreement file or the reason there is none. */
export function asksForAgreement(missing: readonly string[]): boolean {
  return evidenceItemsOf(missing).some((item) => (signingEvidenceItems as readonly string[]).includes(item));
}

/** The items a project lacks, in the order the page lists them (unknown names dropped). */
export function evidenceItemsOf(missing: readonly string[]): EvidenceItem[] {
  return missing.filter(isEvidenceItem);
}

/**
 * The POST /api/projects/:id/evidence body from the form: only the missing items a person filled
 * in; 万元 text to exact fen (a 亿/万/元 suffix overrides; text that is no amount stays text, so the
 * schema refuses it); the credit code normalised (half-width, upper case). Check it with
 * evidenceRecordSchema before sending.
 */
export function evidencePayload(
  missing: readonly string[],
  values: EvidenceFormValues,
  version: number,
): EvidenceRecordInput {
  const body: Record<string, unknown> = { version };
  for (const item of evidenceItemsOf(missing)) {
    const raw = values[evidenceFormField[item]];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') continue;
    if (item === 'agreedInvestment') {
      const amount = parseAmount(text, 'wan');
      body[evidenceField[item]] = amount.ok ? amount.fen : text;
    } else if (item === 'localCreditCode') {
      body[evidenceField[item]] = normaliseCreditCode(text);
    } else {
      body[evidenceField[item]] = text;
    }
  }
  // The agreement (a signing move's file or reason): the file wins; the server says when it is needed.
  const file = values.agreementAttachmentId;
  const reason = typeof values.noAgreementReason === 'string' ? values.noAgreementReason.trim() : '';
  if (asksForAgreement(missing) && file) body.agreementAttachmentId = file;
  else if (asksForAgreement(missing) && reason) body.noAgreementReason = reason;
  return body as EvidenceRecordInput;
}

/** An issue path of the API body (agreedInvestmentFen) → the form field holding it. */
export function evidenceFormPath(path: (string | number)[]): (string | number)[] {
  return path[0] === 'agreedInvestmentFen' ? ['agreedInvestmentWan', ...path.slice(1)] : path;
}
