import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

/** The job that sends one e-mail; everything that e-mails queues it, after (or with) its commit. */
export const MAIL_JOB = 'mail.send';

export type Mail = { to: string; subject: string; text: string };
export type Mailer = { send(mail: Mail): Promise<void>; close(): void };

/**
 * SMTP through nodemailer when SMTP_URL is set. Without it (a laptop, the demo) the message is written
 * to the log instead, so a reset or invitation link is still reachable by whoever runs Vaka.
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string; logger: Logger }): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(mail) {
        options.logger.info({ mail }, `e-mail to ${mail.to} (no SMTP_URL set, so it is only logged)`);
      },
      close() {},
    };
  }
  // Pooled: the connection stays open between messages, so thousands of announcement e-mails do not
  // each pay for a new SMTP handshake (decision 0025).
  const transport = nodemailer.createTransport({ url: options.smtpUrl, pool: true });
  return {
    async send(mail) {
      await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
