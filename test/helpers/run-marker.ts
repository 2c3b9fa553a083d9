import { homeKeyOf, runMarker } from '../../electron/core/runners/process-control/process-control.js';

/** A home key of this test process's own: its agents' markers never match another test run's. */
export const TEST_HOME_KEY = homeKeyOf(`/switchboard-test-${process.pid}`);
export { runMarker };
