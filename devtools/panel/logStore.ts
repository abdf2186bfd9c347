// The panel's copy of the log: ceremonies in arrival order (newest last), updated in place by id.
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import type { LogEvent } from './logSource.js';

export interface LogState {
  ceremonies: readonly CeremonyRecord[];
  preserveLog: boolean;
  connected: boolean;
  /** Bumped on every change so views keyed on it refresh. */
  version: number;
}

export const emptyLog: LogState = { ceremonies: [], preserveLog: false, connected: false, version: 0 };

export function applyLogEvent(state: LogState, e: LogEvent): LogState {
  const version = state.version + 1;
  switch (e.type) {
    case 'snapshot':
      return { ...state, ceremonies: e.ceremonies, preserveLog: e.preserveLog, version };
    case 'upsert': {
      const i = state.ceremonies.findIndex((c) => c.id === e.ceremony.id);
      const ceremonies = state.ceremonies.slice();
      if (i < 0) ceremonies.push(e.ceremony);
      else ceremonies[i] = e.ceremony;
      return { ...state, ceremonies, version };
    }
    case 'cleared':
      return { ...state, ceremonies: [], version };
    case 'navigated':
      // Like the Network panel: a navigation starts a fresh log unless the developer asked to keep it.
      return state.preserveLog ? state : { ...state, ceremonies: [], version };
    case 'connection':
      return { ...state, connected: e.connected, version };
    case 'preserve-log':
      return { ...state, preserveLog: e.enabled, version };
  }
}
