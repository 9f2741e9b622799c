/** Files (reports, uploads) stored in the database in chunks. */
export { fileExpiry, type FileRecord } from './fileRecord.js';
export { writeFile, CHUNK_BYTES, type NewFile, type WriteFileOptions } from './writeFile.js';
export { readFile } from './readFile.js';
export { getFile } from './getFile.js';
export { deleteFile } from './deleteFile.js';
export { sweepExpiredFiles, type SweepResult } from './sweepExpiredFiles.js';
export { registerFileJobs } from './fileJobs.js';
