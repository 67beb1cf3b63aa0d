import { addDays } from '@landfall/domain/dates';
import { buildCreditCode } from '@landfall/domain/credit-code';
import type { Stage } from '@landfall/domain/stages';
import type { Ctx } from '../context.ts';
import type { Enterprise } from '../enterprises/enterprise.service.ts';
import { createProject } from '../projects/project.service.ts';
import { addProgress, moveStage, recordFunding } from '../ledger/ledger.service.ts';
import { uploadAttachment } from '../attachments/attachment.service.ts';
import { createLead } from '../leads/lead.service.ts';
import { demoCompanyPrefixes, demoIndustries, demoLeaders, demoOrigins, demoProgress } from './demo-data.ts';
import type { Random } from './random.ts';

export interface DemoActors {
  coordinator: Ctx;
  staff: { unit: { id: string; name: string }; ctx: Ctx }[];
  enterprises: Enterprise[];
}

/** Where each of the 60 demo projects ends up: 在谈一批、签约一批、策划一批, some started, a few paused or dropped. */
const targets: Stage[] = [
  ...Array<Stage>(10).fill('planning'),
  ...Array<Stage>(14).fill('negotiating'),
  ...Array<Stage>(12).fill('signed'),
  ...Array<Stage>(6).fill('settled'),
  ...Array<Stage>(10).fill('construction'),
  ...Array<Stage>(4).fill('production'),
  ...Array<Stage>(2).fill('paused'),
  ...Array<Stage>(2).fill('dropped'),
];
const pipeline: Stage[] = ['planning', 'negotiating', 'signed', 'settled', 'construction', 'production'];

/** A tiny PNG standing in for a dated site photo (现场照片). */
const sitePhoto = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082',
  'hex',
);

/** A one-page PDF standing in for a signed agreement, a production licence or an acceptance record. */
const demoPdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const WAN = 1_000_000; // fen in one 万元

export async function buildDemoProject(
  actors: DemoActors,
  random: Random,
  opts: { index: number; start: string; today: string },
) {
  const { index, start, today } = opts;
  const target = targets[index % targets.length] as Stage;
  const owner = actors.staff[index % actors.staff.length];
  if (!owner) return;
  const ctx = owner.ctx;
  const industry = random.pick(demoIndustries);
  const investor = actors.enterprises[index % actors.enterprises.length];
  const local = actors.enterprises.filter((e) => e.isLocal);
  const expansion = !!investor?.isLocal;
  const referrer = !expansion && random.chance(0.2) ? random.pick(local) : undefined;
  const amountWan = random.chance(0.55) ? random.int(10_000, 150_000) : random.int(1_000, 9_900);
  const plannedFen = Math.round(amountWan / 100) * 100 * WAN;
  const latestEntry = addDays(today, -2);
  let day = addDays(start, random.int(0, 150));

  let leadId: string | undefined;
  if (index === 5 || index === 17) {
    const lead = await createLead(ctx, {
      title: `${investor?.name ?? '某企业'}投资意向`,
      source: '以商招商',
      investorName: investor?.name ?? '',
      investorEnterpriseId: investor?.id ?? null,
      estimatedAmountFen: plannedFen,
      reportedOn: addDays(day, -7),
    });
    leadId = lead.id;
  }

  let project = await createProject(ctx, {
    name: `${random.pick(demoCompanyPrefixes)}${random.pick(industry.words)}${expansion ? '扩能技改' : '生产基地'}项目`,
    enterpriseIds: investor ? [investor.id] : [],
    originDivisionCode: expansion ? '500101' : random.pick(demoOrigins),
    capitalKind: investor?.capitalKind ?? 'domestic',
    industryCode: industry.code,
    strategicEmerging: random.chance(0.3),
    constructionContent: `新建${random.pick(industry.words)}生产线 ${random.int(2, 12)} 条及配套设施`,
    agreedInvestmentFen: plannedFen,
    fixedAssetFen: Math.round((plannedFen * random.int(50, 85)) / 100 / WAN) * WAN,
    plannedStartOn: addDays(day, random.int(60, 200)),
    landMu: String(random.int(20, 300)),
    referrerEnterpriseId: referrer?.id ?? null,
    projectKind: expansion ? 'expansion' : 'new',
    leaderInCharge: random.pick(demoLeaders),
    contactName: `${random.pick(['张', '李', '王', '刘', '陈', '杨'])}经理`,
    contactPhone: `13${random.int(0, 9)}${String(random.int(10_000_000, 99_999_999))}`,
    sensitivity: index % 23 === 11 ? 'sensitive' : 'normal',
    enteredOn: day,
    leadId,
  });

  const finalActive =
    target === 'paused' || target === 'dropped' ? random.pick(pipeline.slice(1, 5)) : target;
  for (const to of pipeline.slice(1, pipeline.indexOf(finalActive) + 1)) {
    const next = addDays(day, random.int(12, 35));
    if (next > latestEntry) break;
    day = next;
    const evidence = await evidenceFor(ctx, project.id, to, day, index, plannedFen, random);
    project = (await moveStage(ctx, project.id, { to, evidence, version: project.version })).project;
  }
  if ((target === 'paused' || target === 'dropped') && addDays(day, 10) <= latestEntry) {
    day = addDays(day, random.int(5, 10));
    const reason = target === 'paused' ? '投资方资金链调整，项目暂缓' : '投资方战略调整，终止合作';
    project = (
      await moveStage(ctx, project.id, {
        to: target,
        evidence: { date: day, reason },
        version: project.version,
      })
    ).project;
  }

  // 到位资金 month by month after signing, until about 80% of the agreed investment is in.
  if (project.signedOn) {
    let date = addDays(project.signedOn, random.int(10, 30));
    const fromInsideCity = project.originDivisionCode?.startsWith('50') ?? false;
    let total = 0;
    while (date <= latestEntry && total < project.agreedInvestmentFen * 0.8) {
      if (random.chance(0.75)) {
        const amount = Math.max(
          WAN,
          Math.round((project.agreedInvestmentFen * random.int(5, 14)) / 100 / WAN) * WAN,
        );
        // Drawn always, so the demo's other random choices stay as they were.
        const drawn = random.pick([
          'outside_province',
          'outside_province',
          'outside_province',
          'abroad',
        ] as const);
        // 万州 is in a municipality: an investor from 重庆 is from inside the city (as an import reads it),
        // and no money is from outside the city but inside the province.
        const source = fromInsideCity ? 'inside_city' : drawn;
        // Money from abroad is foreign capital; a foreign investor's money from inside China says how.
        const capitalKind = source === 'abroad' ? 'foreign' : project.capitalKind;
        await recordFunding(ctx, project.id, {
          date,
          amountFen: amount,
          source,
          capitalKind,
          sourceReason: capitalKind === 'foreign' && source !== 'abroad' ? '外资企业境内子公司出资' : '',
        });
        total += amount;
      }
      date = addDays(date, random.int(25, 35));
    }
  }

  // Weekly progress: every fourth project has gone quiet (stale); the rest reported this week.
  const quiet = index % 4 === 0;
  const lastProgress = quiet ? addDays(today, -random.int(9, 20)) : addDays(today, -random.int(0, 4));
  const firstProgress = addDays(project.stageOn, 3);
  if (firstProgress < lastProgress)
    await addProgress(ctx, project.id, { date: firstProgress, ...random.pick(demoProgress) });
  if (lastProgress >= project.stageOn)
    await addProgress(ctx, project.id, { date: lastProgress, ...random.pick(demoProgress) });
}

async function evidenceFor(
  ctx: Ctx,
  projectId: string,
  to: Stage,
  date: string,
  index: number,
  plannedFen: number,
  random: Random,
) {
  switch (to) {
    case 'signed': {
      const base = {
        date,
        agreementKind: random.chance(0.6) ? 'formal' : 'framework',
        agreedInvestmentFen: plannedFen,
      };
      // Most agreements are scanned in; some are still with the investor for sealing.
      if (index % 4 === 1) return { ...base, noAgreementReason: '协议原件在投资方盖章，待返回后扫描上传' };
      const file = await uploadAttachment(ctx, projectId, {
        filename: `投资协议-${date}.pdf`,
        content: demoPdf,
      });
      return { ...base, attachmentId: file.id };
    }
    case 'settled':
      return {
        date,
        registeredOn: addDays(date, -2),
        localCreditCode: buildCreditCode({
          authority: '9',
          entityType: '1',
          divisionCode: '500101',
          organisationBody: `MA${String(100_000 + index * 37).slice(0, 6)}`,
        }),
      };
    case 'construction': {
      const photo = await uploadAttachment(ctx, projectId, {
        filename: `开工现场-${date}.png`,
        content: sitePhoto,
      });
      return { date, actualStartOn: date, attachmentId: photo.id };
    }
    case 'production': {
      // A licence or an acceptance record; now and then only a forwarded photo, kept as 未核验.
      if (index % 7 === 3) {
        const photo = await uploadAttachment(ctx, projectId, {
          filename: `投产现场-${date}.png`,
          content: sitePhoto,
        });
        return {
          date,
          evidenceKind: 'site_photo',
          attachmentId: photo.id,
          photoTakenOn: date,
          unverifiedReason: '照片经微信转发，拍摄信息丢失；生产许可证办理中',
        };
      }
      const acceptance = index % 3 === 0;
      const file = await uploadAttachment(ctx, projectId, {
        filename: `${acceptance ? '竣工验收记录' : '生产许可证'}-${date}.pdf`,
        content: demoPdf,
      });
      return { date, evidenceKind: acceptance ? 'acceptance' : 'licence', attachmentId: file.id };
    }
    default:
      return { date };
  }
}
