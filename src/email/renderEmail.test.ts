import { describe, expect, it } from 'vitest';
import { renderEmail } from './renderEmail.js';

const content = {
  title: 'Your report <Q1> is ready',
  paragraphs: ['Rows: 12 & counting', 'Made for "Ann" O\'Neil'],
  action: { label: 'Download <now>', url: 'https://rb.example.com/d?resource=file%3A1&sig=a"b' },
  facts: [
    ['Format', 'CSV'],
    ['Unit', '<script>alert(1)</script>'],
  ] as [string, string][],
  footer: 'You asked for this report.',
};

describe('renderEmail', () => {
  it('escapes every piece of data in the HTML part', () => {
    const { html } = renderEmail(content);
    expect(html).toContain(
      '<h1 style="font-family:Helvetica,Arial,sans-serif;color:#1f2933;font-size:20px;">Your report &lt;Q1&gt; is ready</h1>',
    );
    expect(html).toContain('Rows: 12 &amp; counting');
    expect(html).toContain('Made for &quot;Ann&quot; O&#39;Neil');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="https://rb.example.com/d?resource=file%3A1&amp;sig=a&quot;b"');
    expect(html).toContain('>Download &lt;now&gt;</a>');
    expect(html).not.toContain('<script>');
  });

  it('writes a plain-text part with the same content, unescaped', () => {
    const { text } = renderEmail(content);
    expect(text).toBe(
      [
        'Your report <Q1> is ready',
        '',
        'Rows: 12 & counting',
        '',
        'Made for "Ann" O\'Neil',
        '',
        'Format: CSV',
        'Unit:   <script>alert(1)</script>',
        '',
        'Download <now>: https://rb.example.com/d?resource=file%3A1&sig=a"b',
        '',
        '--',
        'You asked for this report.',
        '',
      ].join('\n'),
    );
  });

  it('needs no action, facts or footer', () => {
    const { text, html } = renderEmail({ title: 'Hello', paragraphs: ['One line.'] });
    expect(text).toBe('Hello\n\nOne line.\n');
    expect(html).not.toContain('<table');
    expect(html).not.toContain('<a ');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderEmail({
        title: 't',
        paragraphs: [],
        action: { label: 'x', url: 'javascript:alert(1)' },
      }),
    ).toThrow('must be http(s)');
  });
});
