// The Data Dispatcher port and its REST client.
export type {
  CreateProjectOptions,
  DataDispatcher,
  DdHandle,
  DdProject,
  HandleState,
  NextFile,
  ProjectState,
} from './data-dispatcher.js';
export { HANDLE_STATES } from './data-dispatcher.js';
export { DataDispatcherClient } from './dd-client.js';
