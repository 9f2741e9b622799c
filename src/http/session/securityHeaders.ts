/**
 * Headers for the web app's pages. The built app loads only its own scripts; Mantine writes
 * style attributes and a <style> element, hence 'unsafe-inline' for styles only. Emails in the
 * outbox are shown in a sandboxed srcdoc iframe that inherits this policy: no script runs there.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const appSecurityHeaders: Record<string, string> = {
  'Content-Security-Policy': APP_CSP,
  'X-Frame-Options': 'DENY',
};

/** On every response: no MIME sniffing, and no URL (signed links included) leaks as a referrer. */
export const commonSecurityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
