import type { Platform } from '../context.ts';
import { MAIL_JOB } from '../mail/index.ts';
import type { MailSink, ReceivedMail } from './mail-sink.ts';

/** The one-time token in the link an e-mail carries (invitation, password reset). */
export function linkToken(mail: ReceivedMail): string {
  const token = /[?&]token=([\w-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error(`No link with a token in the e-mail "${mail.subject}": ${mail.text}`);
  return token;
}

/**
 * Runs an action and waits for the new e-mail it causes, so a second message to the same person
 * (a second reset link, say) is not mistaken for the first.
 */
export async function mailCausedBy<T>(
  sink: MailSink,
  to: string,
  subject: RegExp,
  action: () => Promise<T>,
): Promise<{ result: T; mail: ReceivedMail }> {
  const matching = () => sink.received.filter((m) => m.to.includes(to) && subject.test(m.subject));
  const before = matching().length;
  const result = await action();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const mail = matching()[before];
    if (mail) return { result, mail };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No new e-mail to ${to} matching ${subject} arrived`);
}

/**
 * Waits until every e-mail queued so far has been handed to the sink (no mail job waiting or
 * running), so a test can count what arrived without sleeping and hoping it was long enough.
 */
export async function allMailSent(platform: Platform): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await platform.jobs.unfinished(MAIL_JOB)) > 0) {
    if (Date.now() > deadline) throw new Error('E-mails were still queued after 15 s.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
