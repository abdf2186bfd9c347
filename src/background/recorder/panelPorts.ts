// DevTools panels (and the panel page opened in a tab) subscribe over runtime.connect ports to one tab's
// log: a snapshot on subscribe, then every new or updated ceremony. Only extension pages may connect.
import { type PanelToWorker, type WorkerToPanel } from '../../messages.js';
import { recorderSettings, setPreserveLog } from './settings.js';
import { clear, onDropped, snapshotWithDrops } from './tabLog.js';

const subscribers = new Map<number, Set<chrome.runtime.Port>>();

export function notifyPanels(tabId: number, message: WorkerToPanel): void {
  for (const port of subscribers.get(tabId) ?? []) {
    try {
      port.postMessage(message);
    } catch {
      subscribers.get(tabId)?.delete(port);
    }
  }
}

onDropped((tabId, dropped, ids) => notifyPanels(tabId, { type: 'dropped', dropped, ids }));

const fromExtensionPage = (port: chrome.runtime.Port): boolean =>
  port.sender?.id === chrome.runtime.id && (port.sender.url ?? '').startsWith(chrome.runtime.getURL(''));

export function connectPanel(port: chrome.runtime.Port): void {
  if (!fromExtensionPage(port)) {
    port.disconnect();
    return;
  }
  let tabId: number | undefined;
  port.onMessage.addListener((m: PanelToWorker) => {
    void (async () => {
      if (m?.type === 'subscribe' && Number.isInteger(m.tabId)) {
        if (tabId !== undefined) subscribers.get(tabId)?.delete(port);
        tabId = m.tabId;
        // Subscribe first, so nothing recorded while the snapshot is read is missed (upserts are idempotent).
        if (!subscribers.has(tabId)) subscribers.set(tabId, new Set());
        subscribers.get(tabId)!.add(port);
        const [{ ceremonies, dropped }, settings] = await Promise.all([snapshotWithDrops(tabId), recorderSettings()]);
        port.postMessage({
          type: 'snapshot',
          tabId,
          ceremonies,
          dropped,
          preserveLog: settings.preserveLog,
        } satisfies WorkerToPanel);
      } else if (m?.type === 'clear' && tabId !== undefined) {
        await clear(tabId);
        notifyPanels(tabId, { type: 'cleared' });
      } else if (m?.type === 'preserve-log' && typeof m.enabled === 'boolean') {
        await setPreserveLog(m.enabled);
      }
    })().catch((e) => console.warn('webauthn-devtools: panel message failed', e));
  });
  port.onDisconnect.addListener(() => {
    if (tabId !== undefined) subscribers.get(tabId)?.delete(port);
  });
}
