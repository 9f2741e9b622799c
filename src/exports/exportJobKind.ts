/** The job kind that generates a report; registered by exportJobs.ts. */
declare module '../jobs/types.js' {
  interface JobPayloads {
    'export.run': { exportId: number };
  }
}

export const EXPORT_JOB = 'export.run';
