import { sql, type Kysely } from 'kysely';

/**
 * 待补证据: a project that reached a stage without the evidence the stage move needs (an import
 * takes the sheet's stage as it stands) carries the missing items, in pipeline order, until they are
 * recorded. Items: signedOn, agreementKind, agreedInvestment (签约), registeredOn, localCreditCode (落地),
 * actualStartOn (开工), productionOn (投产) — domain/evidence.ts. Existing projects are filled in once
 * by the same rule (a paused project answers for the stage it was paused from, a dropped one for none).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table project add column evidence_missing text[] not null default '{}'`.execute(db);
  await sql`
    update project p set evidence_missing = array_remove(array[
      case when r.at >= 3 and p.signed_on is null then 'signedOn' end,
      case when r.at >= 3 and p.agreement_kind is null then 'agreementKind' end,
      case when r.at >= 3 and p.agreed_investment_fen <= 0 then 'agreedInvestment' end,
      case when r.at >= 4 and p.registered_on is null then 'registeredOn' end,
      case when r.at >= 4 and p.local_credit_code is null then 'localCreditCode' end,
      case when r.at >= 5 and p.actual_start_on is null then 'actualStartOn' end,
      case when r.at >= 6 and p.production_on is null then 'productionOn' end
    ]::text[], null)
    from (
      select id, array_position(
        array['planning', 'negotiating', 'signed', 'settled', 'construction', 'production']::text[],
        case when stage = 'paused' then stage_before else stage end
      ) as at from project
    ) r
    where r.id = p.id and r.at >= 3`.execute(db);
  await sql`create index project_evidence_missing_idx on project (tenant_id)
    where cardinality(evidence_missing) > 0`.execute(db);
}
