// The panel's copy of the log: ceremonies in arrival order (newest last), updated in place by id.
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import type { LogEvent } from './logSource.js';

export interface LogState {
  ceremonies: readonly CeremonyRecord[];
  preserveLog: boolean;
  connected: boolean;
  /** Records the background dropped from this tab's log (its byte budget or record count was reached). */
  dropped: number;
}

export const emptyLog: LogState = { ceremonies: [], preserveLog: false, connected: false, dropped: 0 };

export function applyLogEvent(state: LogState, e: LogEvent): LogState {
  switch (e.type) {
    case 'snapshot':
      return { ...state, ceremonies: e.ceremonies, preserveLog: e.preserveLog, dropped: e.dropped ?? 0 };
    case 'upsert': {
      const i = state.ceremonies.findIndex((c) => c.id === e.ceremony.id);
      const ceremonies = state.ceremonies.slice();
      if (i < 0) ceremonies.push(e.ceremony);
      else ceremonies[i] = e.ceremony;
      return { ...state, ceremonies };
    }
    case 'dropped': {
      // The panel shows what the stored log holds, so an export or a reopened panel shows the same.
      const gone = new Set(e.ids);
      return { ...state, dropped: e.dropped, ceremonies: state.ceremonies.filter((c) => !gone.has(c.id)) };
    }
    case 'cleared':
      return { ...state, ceremonies: [], dropped: 0 };
    case 'navigated':
      // Like the Network panel: a navigation starts a fresh log unless the developer asked to keep it.
      return state.preserveLog ? state : { ...state, ceremonies: [] };
    case 'connection':
      return { ...state, connected: e.connected };
    case 'preserve-log':
      return { ...state, preserveLog: e.enabled };
  }
}
