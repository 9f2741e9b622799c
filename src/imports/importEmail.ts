/** The email that tells an admin how an import ended, with signed links to its files. */
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import { queueEmail, renderEmail } from '../email/index.js';
import {
  importFileResource,
  linkExpiry,
  signedDownloadUrl,
  type ImportFileKind,
} from '../exports/downloadUrl.js';
import { requireImportRow } from './imports.repository.js';
import { presentImport } from './importViews.js';

/** Who hears about a job: the address given with it, else the admin who started it, else the tenant's first admin. */
export async function recipientFor(
  db: Db,
  tenantId: number,
  actor: string,
  notifyEmail: string | null,
): Promise<string | null> {
  if (notifyEmail) return notifyEmail;
  if (actor.startsWith('admin:')) return actor.slice('admin:'.length);
  const admin = await db
    .selectFrom('admins')
    .select('email')
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return admin?.email ?? null;
}

export async function notifyImportFinished(
  db: Db,
  importId: number,
  config: Config,
): Promise<void> {
  const owner = await db
    .selectFrom('imports')
    .select('tenant_id')
    .where('id', '=', importId)
    .executeTakeFirst();
  if (!owner) return;
  const stored = await requireImportRow(db, owner.tenant_id, importId);
  const imp = presentImport(stored);
  const to = await recipientFor(db, stored.tenant_id, stored.actor, stored.notify_email);
  if (!to) return;
  const now = Date.now();
  const expiresAt = linkExpiry(config, now);
  const link = (kind: ImportFileKind) =>
    signedDownloadUrl(config, stored.tenant_id, importFileResource(imp.id, kind), now).url;
  const what = imp.dryRun ? 'Dry run' : 'Import';
  const s = imp.summary;
  const content =
    imp.status === 'failed' || !s
      ? {
          title: `${what} of ${imp.fileName} failed`,
          paragraphs: [
            `Import ${imp.id} (Update User Reward Balances) could not be completed.`,
            imp.error ?? 'The reason was not recorded.',
            imp.progress.done > 0 && !imp.dryRun
              ? `${imp.progress.done} rows were applied before it stopped; they stay applied and can be reversed from the import's page.`
              : 'No balance was changed.',
          ],
        }
      : {
          title: `${what} of ${imp.fileName} finished`,
          paragraphs: [
            imp.dryRun
              ? 'Nothing was changed: this is what applying the file would do.'
              : 'The balances below were updated.',
            ...(s.errors > 0
              ? [
                  `${s.errors} rows had errors: download the error file, fix them and upload it again.`,
                ]
              : []),
          ],
          facts: [
            ['Rows', String(s.rows)],
            [imp.dryRun ? 'Would redeem' : 'Redeemed', String(s.redeemed)],
            ['Skipped (empty)', String(s.skipped)],
            ['Errors', String(s.errors)],
            ['Warnings', String(s.warnings)],
            ...s.totals.map((t): [string, string] => [`Total ${t.unit}`, t.amount]),
          ] as [string, string][],
          ...(imp.files.errors
            ? { action: { label: 'Download the error file', url: link('errors') } }
            : imp.files.results
              ? { action: { label: 'Download the results', url: link('results') } }
              : {}),
        };
  const footer = `Links expire on ${new Date(expiresAt).toISOString().slice(0, 10)}. You get this email because you started import ${imp.id}.`;
  const links =
    imp.files.errors && imp.files.results
      ? [{ label: 'Results of every row', url: link('results') }]
      : [];
  const rendered = renderEmail({ ...content, links, footer });
  await queueEmail(db, { tenantId: stored.tenant_id, to, subject: content.title, ...rendered });
}
