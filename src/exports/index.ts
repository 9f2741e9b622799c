/** Exports: the *Available reward balances by user* report, generated in the background. */
export { createExport, type CreateExportInput, type CreatedExport } from './createExport.js';
export { cancelExport, type ExportCancelOutcome } from './cancelExport.js';
export {
  getExportView,
  listExports,
  toExportView,
  type ExportPage,
  type ExportView,
} from './exportViews.js';
export { registerExportJobs } from './exportJobs.js';
export { EXPORT_JOB } from './exportJobKind.js';
export {
  CONTENT_TYPES,
  EXPORT_FORMATS,
  EXPORT_TYPE,
  parseExportFormat,
  type ExportFormat,
} from './exportKinds.js';
export {
  downloadUrlFor,
  fileIdOfResource,
  DOWNLOAD_PATH,
  type DownloadLink,
} from './downloadUrl.js';
export type { ExportConfig } from './runExport.js';
