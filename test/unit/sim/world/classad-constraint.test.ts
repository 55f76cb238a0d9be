import { describe, expect, it } from 'vitest';
import {
  ConstraintError,
  matchesConstraint,
  parseConstraint,
} from '../../../../src/sim/batch/classad-constraint.js';

const ad = {
  POMS4_SUBMISSION_ID: 101,
  POMS4_CAMPAIGN_STAGE_NAME: 'reco',
  Owner: 'samdevpro',
  JobStatus: 2,
  Env: 'SAM_PROJECT=p1;POMS_TASK_ID=101',
  Done: false,
};
const m = (c: string) => matchesConstraint(parseConstraint(c), ad);

describe('ClassAd constraints', () => {
  it.each([
    ['POMS4_SUBMISSION_ID==101', true],
    ['poms4_submission_id == 101', true],
    ['POMS4_SUBMISSION_ID==102', false],
    ['POMS4_SUBMISSION_ID!=102', true],
    ['POMS4_CAMPAIGN_STAGE_NAME=="RECO"', true],
    ['POMS4_CAMPAIGN_STAGE_NAME=?="RECO"', false],
    ['POMS4_CAMPAIGN_STAGE_NAME=?="reco"', true],
    ['POMS4_SUBMISSION_ID==101 && JobStatus==2', true],
    ['POMS4_SUBMISSION_ID==102 || JobStatus==2', true],
    ['(POMS4_SUBMISSION_ID==102 || JobStatus==5) && Owner=="samdevpro"', false],
    ['JobStatus >= 2 && JobStatus < 3', true],
    ['!(JobStatus == 2)', false],
    ['MY.Owner == "samdevpro"', true],
    ['regexp(".*POMS_TASK_ID=101.*", Env)', true],
    ['regexp("^sam", Owner)', true],
    ['Jobsub_Group =?= undefined', true],
    ['Jobsub_Group == "fermilab"', false],
    ['Jobsub_Group != "fermilab"', false],
    ['isUndefined(Jobsub_Group) && isDefined(Owner)', true],
    ['Jobsub_Group == "x" || JobStatus == 2', true],
    ['Done == false', true],
    ['stringListMember("reco", "gen,reco")', true],
  ])('%s → %s', (c, want) => expect(m(c)).toBe(want));

  it('reports what it cannot parse', () => {
    for (const bad of ['POMS4_SUBMISSION_ID==', 'A == 1 )', '(A == 1', 'A = 1', 'nosuch(1)'])
      expect(() => m(bad)).toThrow(ConstraintError);
  });
});
