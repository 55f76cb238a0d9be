import type { Knex } from 'knex';
import { acknowledgementService } from './acknowledgement-service.js';
import { overviewService } from './overview-service.js';
import { progressService } from './progress-service.js';
import { shifterService } from './shifter-service.js';
import { timelineService } from './timeline-service.js';

/** The pages people live in (issue 8, items 5–8): spread into createServices. */
export function overviewServices(db: Knex, clock?: () => Date, opts: { stallHours?: number } = {}) {
  return {
    progress: progressService(db, clock),
    timeline: timelineService(db, clock),
    shifter: shifterService(db, clock, opts.stallHours),
    acknowledgements: acknowledgementService(db),
    overview: overviewService(db, clock, opts.stallHours),
  };
}
