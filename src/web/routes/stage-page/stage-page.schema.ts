export { scopeParams as stagePageParams } from '../submission-pages/submission-pages.schema.js';
