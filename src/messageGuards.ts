// Runtime guards for messages that come from a less trusted side (the page, directly or through the bridge).
// Anything that fails them is dropped; nothing a page sends can throw in the bridge or the worker.
import {
  PAGE_CHANNEL,
  SIGNAL_NAMES,
  type DirectOffer,
  type MockRequest,
  type PageCeremony,
  type PageToBridge,
  type SignalName,
} from './messages.js';
import { isRpcMessage } from './rpc.js';
import { isRecord } from './webauthn/json.js';
import { isRecordedError, STATIC_CALLS, type CeremonyKind } from './webauthn/record.js';

/** Largest message the bridge forwards: a record with a big attestation is tens of KB; 1 MB is generous. */
export const MAX_MESSAGE_BYTES = 1_000_000;

const KINDS: readonly string[] = ['create', 'get', ...STATIC_CALLS];
const STATUSES: readonly string[] = ['pending', 'ok', 'error', 'aborted'];

export function isPageCeremony(r: unknown): r is PageCeremony {
  return (
    isRecord(r) &&
    typeof r.id === 'string' &&
    r.id.length > 0 &&
    r.id.length <= 100 &&
    KINDS.includes(r.kind as CeremonyKind) &&
    (r.mode === 'native' || r.mode === 'mock') &&
    STATUSES.includes(r.status as string) &&
    typeof r.startTime === 'number' &&
    Number.isFinite(r.startTime) &&
    (r.endTime === undefined || (typeof r.endTime === 'number' && Number.isFinite(r.endTime))) &&
    (r.error === undefined || isRecordedError(r.error)) &&
    (r.response === undefined || isRecord(r.response))
  );
}

export function isMockRequest(r: unknown): r is MockRequest {
  if (isRecord(r) && r.type === 'mock/signal') return SIGNAL_NAMES.includes(r.name as SignalName);
  return (
    isRecord(r) &&
    r.type === 'mock/call' &&
    (r.kind === 'create' || r.kind === 'get') &&
    isRecord(r.options) &&
    (r.mediation === undefined || typeof r.mediation === 'string')
  );
}

export const isDirectOffer = (r: unknown): r is DirectOffer =>
  isRecord(r) && r.type === 'direct/offer' && typeof r.secret === 'string';

export const isMockCallBody = (r: unknown): r is MockRequest | DirectOffer => isMockRequest(r) || isDirectOffer(r);

/** A page's message to the bridge; rpc requests are checked to carry a MockRequest, nothing else. */
export function isPageToBridge(m: unknown): m is PageToBridge {
  if (!isRecord(m) || m.channel !== PAGE_CHANNEL) return false;
  switch (m.type) {
    case 'log/ceremony':
      return isPageCeremony(m.record);
    case 'rpc/request':
      return isRpcMessage(m) && m.type === 'rpc/request' && isMockRequest(m.body);
    case 'rpc/abort':
      return isRpcMessage(m);
    case 'mock/state-request':
      return true;
    default:
      return false;
  }
}

/** JSON size of a message, or Infinity when it cannot be serialized. */
export function messageSize(m: unknown): number {
  try {
    return JSON.stringify(m).length;
  } catch {
    return Infinity;
  }
}
