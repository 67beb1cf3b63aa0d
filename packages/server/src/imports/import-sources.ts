/**
 * Funds entries by source (pure). fundsPlan dates a row's funds in buckets (before the year, this
 * year before this month, this month, or one entry at the cut-off for an existing project); this
 * splits those buckets by the sheet's breakdown (其中：省外, 境外, 我方 …) so that each source gets
 * exactly its figure, in fen:
 *
 * - The buckets the breakdown's period covers (本月: this month's; 本年: this year's; 累计: all; an
 *   existing project's entries at the cut-off: all) share each source's figure in proportion to
 *   their amounts (largest remainder, so every bucket and every source adds up to the fen). When
 *   those buckets add up to less than the figure (a capped 本年, an existing project's increase),
 *   the sources are scaled to what they add up to, in proportion.
 * - Buckets outside the period, and the part of the total the breakdown does not name, are the
 *   investor's own source (its place), as without a breakdown.
 * - Funds from abroad are foreign capital; the others keep the row's capital kind.
 */
import type { FundingSource } from '@landfall/domain/regions';
import type { BreakdownSource, FundsBreakdown, FundsPeriod } from '@landfall/domain/import/index';
import type { FundsPart, PlannedFunds } from './import-history.ts';

export type CapitalKind = 'domestic' | 'foreign';

export interface SourcedFunds extends PlannedFunds {
  source: FundingSource;
  capitalKind: CapitalKind;
  /** 'ours': the local side's money (我方); 'partner': the investor's, on a sheet with a 合作方 column. */
  party?: 'ours' | 'partner';
}

const covered: Record<FundsPeriod, readonly FundsPart[]> = {
  fundsMonth: ['fundsMonth'],
  fundsYear: ['fundsYear', 'fundsMonth'],
  fundsCumulative: ['fundsCumulative', 'fundsYear', 'fundsMonth'],
};

interface Share {
  source: FundingSource;
  party?: 'ours' | 'partner';
  amount: bigint;
}

/** Splits `total` (≥ 0) over `weights` (≥ 0, not all 0) in proportion, by largest remainder. */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const shares = weights.map((w) => (total * w) / sum);
  let left = total - shares.reduce((s, v) => s + v, 0n);
  const order = weights
    .map((w, i) => ({ i, rest: (total * w) % sum }))
    .sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares;
}

function resolve(source: BreakdownSource, own: FundingSource): FundingSource {
  if (source !== 'outside_city') return source;
  return own === 'outside_province' || own === 'outside_city_in_province' ? own : 'outside_province';
}

/** The sources' figures: the named parts, then the rest of the total as the investor's own. */
function sharesOf(breakdown: FundsBreakdown, own: FundingSource): Share[] {
  const shares: Share[] = [];
  const add = (source: FundingSource, amount: bigint, party?: 'ours' | 'partner') => {
    const same = shares.find((s) => s.source === source && s.party === party);
    if (same) same.amount += amount;
    else shares.push({ source, amount, ...(party ? { party } : {}) });
  };
  let named = 0n;
  for (const part of breakdown.parts) {
    add(resolve(part.source, own), BigInt(part.amount), part.party);
    named += BigInt(part.amount);
  }
  const rest = BigInt(breakdown.total) - named;
  if (rest > 0n) add(own, rest, breakdown.partner ? 'partner' : undefined);
  return shares;
}

export function splitBySource(
  entries: readonly PlannedFunds[],
  breakdown: FundsBreakdown | null,
  own: FundingSource,
  capitalKind: CapitalKind,
  isNew: boolean,
): SourcedFunds[] {
  const ownKind = (source: FundingSource): CapitalKind => (source === 'abroad' ? 'foreign' : capitalKind);
  const plain = (e: PlannedFunds): SourcedFunds => ({ ...e, source: own, capitalKind: ownKind(own) });
  if (!breakdown || breakdown.total <= 0) return entries.map(plain);
  const inPeriod = (e: PlannedFunds) => !isNew || covered[breakdown.period].includes(e.part);
  const split = entries.filter(inPeriod);
  const sign = split.every((e) => e.amount >= 0) ? 1n : split.every((e) => e.amount <= 0) ? -1n : 0n;
  if (sign === 0n || split.length === 0) return entries.map(plain);
  const amounts = split.map((e) => BigInt(e.amount) * sign);
  const reach = amounts.reduce((s, a) => s + a, 0n);
  let shares = sharesOf(breakdown, own);
  if (reach !== BigInt(breakdown.total)) {
    const scaled = apportion(
      reach,
      shares.map((s) => s.amount),
    );
    shares = shares.map((s, i) => ({ ...s, amount: scaled[i]! }));
  }
  // Bucket by bucket: each takes its proportion of what every source has left.
  const out = new Map<PlannedFunds, SourcedFunds[]>();
  let remaining = reach;
  split.forEach((entry, index) => {
    const amount = amounts[index]!;
    const cut =
      index === split.length - 1
        ? shares.map((s) => s.amount)
        : apportionCapped(
            amount,
            remaining,
            shares.map((s) => s.amount),
          );
    remaining -= amount;
    const parts: SourcedFunds[] = [];
    shares.forEach((share, i) => {
      const part = cut[i]!;
      share.amount -= part;
      if (part === 0n) return;
      parts.push({
        ...entry,
        amount: Number(part * sign),
        source: share.source,
        capitalKind: ownKind(share.source),
        ...(share.party ? { party: share.party } : {}),
      });
    });
    out.set(entry, parts);
  });
  return entries.flatMap((e) => out.get(e) ?? [plain(e)]);
}

/** `amount` of `remaining` taken from each source's `left` in proportion, never more than it has left. */
function apportionCapped(amount: bigint, remaining: bigint, left: readonly bigint[]): bigint[] {
  if (remaining === 0n) return left.map(() => 0n);
  // amount × left_i / remaining ≤ left_i since amount ≤ remaining; largest remainder keeps the sum.
  return apportion(amount, left).map((v, i) => (v > left[i]! ? left[i]! : v));
}
