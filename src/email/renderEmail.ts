/**
 * Builds both parts of an email from structured content, so every message has a plain-text
 * part that reads well and an HTML part in which nothing from the data is ever markup.
 */
export interface EmailContent {
  title: string;
  paragraphs: string[];
  /** A button in HTML, a labelled URL in text. */
  action?: { label: string; url: string };
  /** Further links, shown as plain links after the button. */
  links?: { label: string; url: string }[];
  /** A small two-column table: label, value. */
  facts?: [label: string, value: string][];
  /** A closing line in small print (why the recipient got this email). */
  footer?: string;
}

export interface RenderedEmail {
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function safeUrl(url: string): string {
  // Only web links become buttons; anything else (javascript:, data:) is not a link at all.
  if (!/^https?:\/\//i.test(url)) throw new Error(`An email link must be http(s); got "${url}"`);
  return url;
}

function renderText(content: EmailContent): string {
  const lines = [content.title, '', ...content.paragraphs.flatMap((p) => [p, ''])];
  if (content.facts?.length) {
    const width = Math.max(...content.facts.map(([label]) => label.length));
    lines.push(
      ...content.facts.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`),
    );
    lines.push('');
  }
  if (content.action) lines.push(`${content.action.label}: ${safeUrl(content.action.url)}`, '');
  for (const link of content.links ?? []) lines.push(`${link.label}: ${safeUrl(link.url)}`, '');
  if (content.footer) lines.push('--', content.footer, '');
  return lines.join('\n');
}

const FONT = 'font-family:Helvetica,Arial,sans-serif;color:#1f2933;';

function renderHtml(content: EmailContent): string {
  const parts = [
    `<h1 style="${FONT}font-size:20px;">${escapeHtml(content.title)}</h1>`,
    ...content.paragraphs.map((p) => `<p style="${FONT}font-size:15px;">${escapeHtml(p)}</p>`),
  ];
  if (content.facts?.length) {
    const rows = content.facts.map(
      ([label, value]) =>
        `<tr><th align="left" style="${FONT}padding:4px 16px 4px 0;">${escapeHtml(label)}</th>` +
        `<td style="${FONT}padding:4px 0;">${escapeHtml(value)}</td></tr>`,
    );
    parts.push(
      `<table role="presentation" style="border-collapse:collapse;">${rows.join('')}</table>`,
    );
  }
  if (content.action) {
    const href = escapeHtml(safeUrl(content.action.url));
    parts.push(
      `<p><a href="${href}" style="${FONT}display:inline-block;background:#2563eb;color:#ffffff;` +
        `padding:10px 18px;border-radius:4px;text-decoration:none;">` +
        `${escapeHtml(content.action.label)}</a></p>`,
    );
  }
  for (const link of content.links ?? []) {
    const href = escapeHtml(safeUrl(link.url));
    parts.push(
      `<p style="${FONT}font-size:14px;"><a href="${href}">${escapeHtml(link.label)}</a></p>`,
    );
  }
  if (content.footer) {
    parts.push(`<p style="${FONT}font-size:12px;color:#6b7280;">${escapeHtml(content.footer)}</p>`);
  }
  return (
    '<!doctype html><html><head><meta charset="utf-8"></head>' +
    `<body style="margin:0;padding:24px;">${parts.join('\n')}</body></html>`
  );
}

/** The plain-text and HTML parts of one email. */
export function renderEmail(content: EmailContent): RenderedEmail {
  return { text: renderText(content), html: renderHtml(content) };
}
