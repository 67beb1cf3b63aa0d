import type { TestClient } from './client.ts';
import { uniqueName } from './fixtures.ts';

/** Factories over the API for the project library; each throws with the server's answer when refused. */
function expectStatus(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

export async function buildEnterprise(client: TestClient, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/enterprises', { name: uniqueName('示例企业有限公司'), ...overrides });
  expectStatus(res, 201, 'enterprise');
  return res.json() as { id: string; name: string; version: number; unitId: string | null };
}

export async function buildLead(client: TestClient, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/leads', {
    title: uniqueName('投资意向'),
    investorName: '某集团',
    ...overrides,
  });
  expectStatus(res, 201, 'lead');
  return res.json() as { id: string; version: number; status: string; unitId: string };
}

export interface BuiltProject {
  id: string;
  version: number;
  stage: string;
  unitId: string;
  agreedInvestmentFen: number;
}

export async function buildProject(
  client: TestClient,
  overrides: Record<string, unknown> = {},
): Promise<BuiltProject> {
  const res = await client.post('/api/projects', { name: uniqueName('示例项目'), ...overrides });
  expectStatus(res, 201, 'project');
  return res.json() as BuiltProject;
}

/** planning → negotiating → signed, with the given dates and agreed amount. */
export async function signProject(
  client: TestClient,
  project: BuiltProject,
  opts: {
    negotiatingOn: string;
    signedOn: string;
    agreedInvestmentFen: number;
    /** The agreement file; without it the signing states why (协议原件在企业). */
    attachmentId?: string;
  },
): Promise<BuiltProject> {
  let current = project;
  if (current.stage === 'planning') {
    const res = await client.post(`/api/projects/${current.id}/stage`, {
      to: 'negotiating',
      evidence: { date: opts.negotiatingOn },
      version: current.version,
    });
    expectStatus(res, 200, 'negotiating');
    current = res.json().project;
  }
  const res = await client.post(`/api/projects/${current.id}/stage`, {
    to: 'signed',
    evidence: {
      date: opts.signedOn,
      agreementKind: 'formal',
      agreedInvestmentFen: opts.agreedInvestmentFen,
      ...(opts.attachmentId
        ? { attachmentId: opts.attachmentId }
        : { noAgreementReason: '协议原件在企业，待扫描上传' }),
    },
    version: current.version,
  });
  expectStatus(res, 200, 'signed');
  return res.json().project;
}

export async function recordFunds(
  client: TestClient,
  projectId: string,
  date: string,
  amountFen: number,
  source = 'outside_province',
) {
  const res = await client.post(`/api/projects/${projectId}/funding`, { date, amountFen, source });
  expectStatus(res, 201, 'funding');
  return res.json() as { id: number };
}

/** The smallest valid PDF-looking file (the server checks the first bytes). */
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const pngBytes = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
