/** The emails an export sends: its report is ready (with a signed link), or why it failed. */
import { renderEmail, type RenderedEmail } from '../email/renderEmail.js';
import { EXPORT_TITLE, type ExportFormat } from './exportKinds.js';

export interface ExportFacts {
  exportId: number;
  /** As stored; an email about a failure may concern a format this version no longer knows. */
  format: string;
  unitCode: string | null;
  programCode: string | null;
}

export interface EmailParts extends RenderedEmail {
  subject: string;
}

const FORMAT_NAMES: Record<string, string> = { CSV: 'CSV', XLSX: 'Excel (.xlsx)' } satisfies Record<
  ExportFormat,
  string
>;

/** `2026-01-22 09:30 UTC` */
export function utcMinute(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function filterFacts(facts: ExportFacts): [string, string][] {
  return [
    ['Format', FORMAT_NAMES[facts.format] ?? facts.format],
    ['Unit', facts.unitCode ?? 'All units'],
    ['Program', facts.programCode ?? 'All programs'],
  ];
}

export function reportReadyEmail(
  facts: ExportFacts,
  report: { rowCount: number; asOf: number; url: string; linkExpiresAt: number },
): EmailParts {
  const rows = report.rowCount.toLocaleString('en-US');
  const parts = renderEmail({
    title: 'Your report is ready',
    paragraphs: [
      `Your ${EXPORT_TITLE} report is ready to download.`,
      `The link works until ${utcMinute(report.linkExpiresAt)}; after that, ask for the report again.`,
    ],
    facts: [
      ...filterFacts(facts),
      ['Rows', report.rowCount === 1 ? '1 balance' : `${rows} balances`],
      ['Balances as of', utcMinute(report.asOf)],
    ],
    action: { label: 'Download report', url: report.url },
    footer: `You get this email because this report (export ${facts.exportId}) was asked for in rewardbook.`,
  });
  return { subject: `Your report is ready: ${EXPORT_TITLE}`, ...parts };
}

export function reportFailedEmail(facts: ExportFacts, reason: string): EmailParts {
  const parts = renderEmail({
    title: 'Your report could not be created',
    paragraphs: [
      `The ${EXPORT_TITLE} report you asked for (export ${facts.exportId}) could not be created.`,
      `Why: ${reason}`,
      'Nothing in the ledger was changed. You can ask for the report again; if it fails again, ' +
        `tell whoever runs rewardbook for you and mention export ${facts.exportId}.`,
    ],
    facts: filterFacts(facts),
    footer: `You get this email because this report (export ${facts.exportId}) was asked for in rewardbook.`,
  });
  return { subject: 'Your report could not be created', ...parts };
}
