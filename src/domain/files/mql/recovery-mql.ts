import { fileList } from './provenance-mql.js';

// The MQL of recovery sets MetaCat answers itself (the others come from Data Dispatcher handle
// states, dd-rules.ts, or provenance, provenance-mql.ts).

/**
 * `added_files`: the files the submission's input query selects now that its Data Dispatcher
 * project did not have when it was made (SAM: `defname:D minus snapshot_for_project_name P`).
 * `projectFiles`: every file of the project, whatever its state.
 */
export const addedFilesMql = (inputQuery: string, projectFiles: readonly string[]): string =>
  projectFiles.length ? `(${inputQuery}) - ${fileList(projectFiles)}` : inputQuery;
