/** Email: rendered from structured content, queued durably, sent over SMTP or kept in the outbox. */
export { renderEmail, escapeHtml, type EmailContent, type RenderedEmail } from './renderEmail.js';
export { createMailer, type Mailer, type OutgoingEmail } from './mailer.js';
export { queueEmail, EMAIL_MAX_ATTEMPTS, type NewEmail } from './queueEmail.js';
export { registerEmailJobs } from './emailJobs.js';
export {
  listOutbox,
  getOutboxMessage,
  type OutboxEntry,
  type OutboxMessage,
  type OutboxPage,
} from './outbox.js';
