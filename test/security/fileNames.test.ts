/**
 * Uploaded file names are labels, never paths: files live in the database, the name is cut to
 * its last segment and to harmless characters, and it comes back only in a Content-Disposition
 * header that cannot be broken out of. A guard over the source keeps it so: every place that
 * writes to the file system is listed here, with what names the path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases.js';
import { uploadFile } from '../../src/http/routes/importsTesting.js';
import { useServer } from '../../src/http/testing.js';
import { cleanFileName } from '../../src/imports/uploadImport.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every file-system write in the application, and what decides its path. */
const FILE_SYSTEM_WRITES: Record<string, string> = {
  'config/config.ts': 'the secret key file in DATA_DIR, set by the operator',
  'db/database.ts': "the SQLite file's folder, from DATABASE_URL",
  'cli/commands/exportAvailableBalances.ts': 'the --output path the operator types',
};
/** A call of a node:fs function that creates, changes or removes files. */
const WRITES =
  /\b(writeFile|createWriteStream|mkdir|appendFile|rename|copyFile|symlink|open|rm|unlink|truncate|cp)(Sync)?\s*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('uploaded file names', () => {
  it('are cut to a harmless last segment, whatever is sent', () => {
    const pathish = fc.array(
      fc.constantFrom('..', '.', '/', '\\', 'etc', 'C:', 'passwd', '\0', '\r\n', '"', '%2e'),
      {
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          pathish.map((parts) => parts.join('')),
        ),
        (name) => {
          const clean = cleanFileName(name);
          expect(clean.length).toBeGreaterThan(0);
          expect(clean.length).toBeLessThanOrEqual(200);
          expect(clean).not.toMatch(/[/\\"]/);
          expect([...clean].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(
            false,
          );
        },
      ),
      { numRuns: 1000 },
    );
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('..\\..\\Windows\\system32\\x.csv')).toBe('x.csv');
    expect(cleanFileName('/')).toBe('upload.csv');
  });

  it('are never used in a path: the application writes files only where the operator says', () => {
    const writers = sourceFiles(SRC)
      .filter((path) => /from 'node:fs(\/promises)?'|from 'fs'/.test(readFileSync(path, 'utf8')))
      .filter((path) => WRITES.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path).replaceAll('\\', '/'))
      .sort();
    expect(writers, 'a new file-system write: check what names its path, then list it').toEqual(
      Object.keys(FILE_SYSTEM_WRITES).sort(),
    );
  });
});

describeEachDb('uploaded file names through the API', (get) => {
  const { server, setUp } = useServer(get);

  it('keep only a label, and come back in a header that cannot be broken out of', async () => {
    const { apiKey, client } = await setUp();
    const csv = 'accountId,userId,unit,valueToRedeem\r\n';
    const names = [
      '../../etc/passwd',
      '..\\..\\boot.ini',
      'a"; filename=evil.exe; x=".csv',
      'ok\r\nSet-Cookie: x=1.csv',
    ];
    for (const [i, name] of names.entries()) {
      const reply = await uploadFile(server(), apiKey, {
        content: `${csv}a,b,POINT,${i}\r\n`,
        filename: name,
      });
      expect(reply.status, name).toBe(202);
      expect(reply.body.fileName, name).not.toMatch(/[/\\\r\n"]/);
      const file = await client.get(`/imports/${reply.body.id}/files/original`);
      const disposition = String(file.headers['content-disposition']);
      expect(disposition, name).toMatch(
        /^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''[^\s";]*$/,
      );
      expect(file.headers['set-cookie'], name).toBeUndefined();
    }
  });
});
