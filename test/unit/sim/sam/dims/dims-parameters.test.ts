import { describe, expect, it } from 'vitest';
import { evaluateDims } from '../../../../../src/sim/sam/dims/index.js';
import { makeCatalogue } from './fixture-catalogue.js';

// A SAM that does not define a metadata parameter refuses a query naming it, whatever else the
// query says (so POMS's counts fail loudly instead of reading 0): the health check warns first.
describe('metadata parameters SAM does not define', () => {
  const cat = { ...makeCatalogue(), parameterDefined: (k: string) => k !== 'poms.submission_id' };

  it('are refused, even where the plan would never test them', () => {
    expect(() => evaluateDims('file_name nothing_such and poms.submission_id 101', cat)).toThrow(
      "Unknown metadata parameter 'poms.submission_id'",
    );
    expect(evaluateDims("file_name reco_1.root and sim.jobsub_id like '%'", cat)).toEqual([]);
  });
});
