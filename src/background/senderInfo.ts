// Who sent a message, as the browser says: tab, frame, origin, the top-level origin. Never the page's words.
import type { Caller } from '../messages.js';

export type { Caller };

const originOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** undefined when the sender is not a frame of a tab (an extension page, a worker). */
export function callerOf(sender: chrome.runtime.MessageSender): Caller | undefined {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return undefined;
  const frameId = sender.frameId ?? 0;
  const origin = (sender as { origin?: string }).origin ?? originOf(sender.url) ?? 'null';
  const top = frameId === 0 ? origin : originOf(sender.tab?.url);
  const crossOrigin = frameId !== 0 && top !== origin;
  return {
    tabId,
    frameId,
    origin,
    url: sender.url ?? '',
    crossOrigin,
    topLevel: frameId === 0,
    ...(frameId !== 0 && top ? { topOrigin: top } : {}),
  };
}

/** Whether a port comes from one of this extension's own pages (the popup, the control page), not a content script. */
export function fromExtensionPage(port: chrome.runtime.Port): boolean {
  return port.sender?.id === chrome.runtime.id && (port.sender.url ?? '').startsWith(chrome.runtime.getURL(''));
}
