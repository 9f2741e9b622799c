import nodemailer from 'nodemailer';
import type { Config } from '../config/config.js';

export interface OutgoingEmail {
  id: number;
  createdAt: number;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Delivers emails: over SMTP when SMTP_URL is set, otherwise by keeping them in rewardbook's
 * outbox (the `emails` table), so a fresh install works end to end without a mail server.
 */
export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  /** 'sent' once the SMTP server accepted it, 'kept' in outbox mode; throws when SMTP fails. */
  deliver(email: OutgoingEmail): Promise<'sent' | 'kept'>;
  close(): void;
}

/** The domain of MAIL_FROM, for Message-IDs. */
function senderDomain(mailFrom: string): string {
  return /@([^>\s]+)/.exec(mailFrom)?.[1] ?? 'rewardbook.local';
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer {
  if (!config.smtpUrl) {
    return { mode: 'outbox', deliver: () => Promise.resolve('kept'), close: () => undefined };
  }
  // Shorter than nodemailer's defaults (2 min to connect): a job retries a dead server later.
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  const domain = senderDomain(config.mailFrom);
  return {
    mode: 'smtp',
    async deliver(email) {
      await transport.sendMail({
        from: config.mailFrom,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Stable across retries, so a message sent twice (a crash after the server accepted it)
        // can be recognised as one by the receiving side.
        messageId: `<email-${email.id}-${email.createdAt}@${domain}>`,
      });
      return 'sent';
    },
    close: () => transport.close(),
  };
}
