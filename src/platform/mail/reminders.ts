// The shape every reminder job shares (renewals, policy reviews, terms, agreements, decisions,
// partnership reviews): which offset a due date has reached, and a claim that sends it once.
import type { Platform } from '../context.ts';
import type { Db } from '../db/client.ts';
import { MAIL_JOB, type Mail } from './index.ts';

/**
 * Which reminder a date `daysLeft` days away calls for: the nearest offset (days before) it has
 * reached. None when it is further off than every offset, or has passed. A run that missed a day
 * sends the reminder late rather than not at all, and the claim keeps it to one per offset.
 */
export function reminderDue(daysLeft: number, offsets: readonly number[]): number | undefined {
  if (daysLeft < 0) return undefined;
  return [...offsets].sort((a, b) => a - b).find((days) => daysLeft <= days);
}

/** How far off a due date is, in a reminder's words: "today", "in 1 day", "in 5 days". */
export function inDays(daysLeft: number): string {
  if (daysLeft === 0) return 'today';
  return `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
}

/**
 * Claims a reminder and queues its e-mails in one transaction. `claim` inserts a row under the
 * reminder's unique key and says whether it did; a second run or process finds the row and sends
 * nothing, and a crash between the two leaves neither, so the next run sends it (decision 0025).
 */
export async function remindOnce(
  platform: Platform,
  claim: (tx: Db) => Promise<boolean>,
  mails: Mail[],
): Promise<boolean> {
  return platform.db.transaction(async (tx) => {
    if (!(await claim(tx))) return false;
    await platform.jobs.insert(MAIL_JOB, mails, { db: tx });
    return true;
  });
}
