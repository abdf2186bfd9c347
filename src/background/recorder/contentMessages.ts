// Messages from content scripts: log records, page starts, mock-state questions and the request to inject the
// mock's page side into a frame that missed it (mock calls come over
// MOCK_CALL_PORT, mock/calls.ts). Origin, tab and frame come from the
// browser's sender info and overwrite whatever the record claims.
import type { BridgeToWorker, MockState, WorkerToBridgeAnswer } from '../../messages.js';
import { isPageCeremony, MAX_MESSAGE_BYTES, messageSize } from '../../messageGuards.js';
import type { CeremonyRecord } from '../../webauthn/record.js';
import { tamperingOfRecord } from '../mock/handTampering.js';
import { injectMockSide } from '../mock/pageScript.js';
import { answeringSettings, mockAnswers } from '../mock/settings.js';
import { callerOf, type Caller } from '../senderInfo.js';
import { notifyPanels } from './panelPorts.js';
import { recorderSettings } from './settings.js';
import { clearIf, upsertAll } from './tabLog.js';

/** The record as stored: the page's account of the call, the browser's account of who made it. */
export function stamp(record: CeremonyRecord, caller: Caller): CeremonyRecord {
  const { topOrigin: _t, tampering: _claimed, ...rest } = record;
  const stamped: CeremonyRecord = {
    ...rest,
    // Ids are chosen by the page; scoping them by frame keeps one frame from overwriting another's records.
    id: `f${caller.frameId}-${record.id}`,
    tabId: caller.tabId,
    frameId: caller.frameId,
    origin: caller.origin,
    url: caller.url || record.url,
    crossOrigin: caller.crossOrigin,
    topLevel: caller.topLevel,
    ...(caller.topOrigin && caller.crossOrigin ? { topOrigin: caller.topOrigin } : {}),
  };
  // A tampering mark comes from the worker alone: the one it applied to this response in this tab.
  const tampering = tamperingOfRecord(stamped);
  return tampering ? { ...stamped, tampering } : stamped;
}

async function handle(message: BridgeToWorker, caller: Caller): Promise<unknown> {
  switch (message.type) {
    case 'log/records': {
      if (!Array.isArray(message.records)) return undefined;
      // A malformed record is dropped, and counted as handled: sending it again would not make it well formed.
      const good = message.records.filter(isPageCeremony).map((r) => stamp(r as CeremonyRecord, caller));
      const stored = good.length ? await upsertAll(caller.tabId, good) : [];
      for (const ceremony of stored) notifyPanels(caller.tabId, { type: 'upsert', ceremony });
      return { type: 'log/written', count: message.records.length } satisfies WorkerToBridgeAnswer;
    }
    case 'page/start': {
      if (!caller.topLevel) return undefined;
      if (await clearIf(caller.tabId, async () => !(await recorderSettings()).preserveLog)) {
        notifyPanels(caller.tabId, { type: 'cleared' });
      }
      notifyPanels(caller.tabId, { type: 'navigated', url: caller.url });
      return undefined;
    }
    case 'mock/state':
      return mockAnswers(await answeringSettings(), caller.origin) satisfies MockState;
    case 'mock/inject':
      if (mockAnswers(await answeringSettings(), caller.origin).enabled)
        await injectMockSide(caller.tabId, caller.frameId);
      return undefined;
    default:
      return undefined;
  }
}

/** runtime.onMessage listener: answers asynchronously; drops anything malformed or not from a tab. */
export function onContentMessage(
  message: unknown,
  sender: chrome.runtime.MessageSender,
  sendResponse: (r?: unknown) => void,
): boolean {
  const caller = callerOf(sender);
  if (!caller || sender.id !== chrome.runtime.id || !message || typeof message !== 'object') return false;
  if (messageSize(message) > MAX_MESSAGE_BYTES) return false;
  handle(message as BridgeToWorker, caller).then(sendResponse, (e: unknown) => {
    console.warn('webauthn-devtools: message failed', e);
    sendResponse(undefined);
  });
  return true;
}
