/** The job kind that generates a report; registered by exportJobs.ts. */
declare module '../jobs/types.js' {
  interface JobPayloads {
    'export.run': { exportId: number };
  }
}

export const EXPORT_JOB = 'export.run';

/**
 * Every worker that dies while generating a report (a deploy, a restart, an out-of-memory kill)
 * uses one attempt, and a report is simply written again, so an export gives up only after many;
 * with the jobs' default of 5, the sixth crash failed a report that nothing was wrong with.
 */
export const EXPORT_MAX_ATTEMPTS = 50;
