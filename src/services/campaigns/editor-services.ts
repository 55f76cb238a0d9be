import type { Knex } from 'knex';
import { editorLoadService } from './editor-load-service.js';
import { editorSaveService } from './editor-save-service.js';

/** The campaign editor's use cases (issue 7); they build on the .ini codec and the campaign import. */
export function editorServices(db: Knex) {
  return { load: editorLoadService(db), save: editorSaveService(db) };
}

export type EditorServices = ReturnType<typeof editorServices>;
