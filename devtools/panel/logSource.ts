// Where the panel's ceremonies come from: the background's live log for one tab, or a recording file.
// The UI sees only this interface, so the same page serves DevTools, "open in a tab" and bug-report viewing.
import type { CeremonyRecord } from '../../src/webauthn/record.js';

export type LogEvent =
  | { type: 'snapshot'; ceremonies: CeremonyRecord[]; preserveLog: boolean; dropped?: number }
  | { type: 'upsert'; ceremony: CeremonyRecord }
  /** The live log dropped records to stay within its budgets: how many in all, and which ones just now. */
  | { type: 'dropped'; dropped: number; ids: string[] }
  | { type: 'cleared' }
  | { type: 'navigated'; url: string }
  | { type: 'connection'; connected: boolean }
  /** The panel's own preserve-log choice, applied at once (the background does not echo it). */
  | { type: 'preserve-log'; enabled: boolean };

export interface LogSource {
  /** 'live' streams a tab's log; 'recording' holds what was imported. */
  readonly kind: 'live' | 'recording';
  /** Starts delivering events; returns a function that stops them. */
  subscribe(listener: (e: LogEvent) => void): () => void;
  clear(): void;
  setPreserveLog(enabled: boolean): void;
  /** Replaces the log with imported ceremonies (a recording source only). */
  load?(ceremonies: CeremonyRecord[]): void;
}
