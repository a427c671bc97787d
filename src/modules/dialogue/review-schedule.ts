// 000 §8: "reviewed ... 24 months after implementation and thereafter every 36 months". No date
// library is installed, so the arithmetic is here, on plain calendar dates (YYYY-MM-DD, UTC).

export type ReviewRule = { firstReviewMonths: number; reviewEveryMonths: number };
export const defaultReviewRule: ReviewRule = { firstReviewMonths: 24, reviewEveryMonths: 36 };

/** A calendar date some months on; the 31st of a shorter month becomes its last day (31 Jan + 1 = 28 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The next review: the first after implementation, or the regular one after the last recorded review. */
export function nextReviewOn(
  policy: ReviewRule & { implementationDate: string; lastReviewedOn: string | null },
): string {
  return policy.lastReviewedOn
    ? addMonths(policy.lastReviewedOn, policy.reviewEveryMonths)
    : addMonths(policy.implementationDate, policy.firstReviewMonths);
}
