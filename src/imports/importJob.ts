/** The job kind that reads, prices and applies an import. */
declare module '../jobs/types.js' {
  interface JobPayloads {
    'import.run': { importId: number };
  }
}

export const IMPORT_JOB = 'import.run';
