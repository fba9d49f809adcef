export { testOltAccess } from './access';
export type { StandInOlt, StandInOnu } from './device';
export { oltCliIsolationCases, oltCliMatrixInputs } from './operations';
export { makePonPort, makeStandInOlt } from './records';
export { type OltCliOptions, type OltCliServer, startOltCliServer } from './server';
