// Background entry (Chromium service worker, Firefox background script). Every listener is registered
// synchronously at the top level, so a worker woken by an event finds its listener.
import { AUTOMATION_PORT, MOCK_CALL_PORT, MOCK_PORT, PANEL_PORT } from '../messages.js';
import { connectAutomation } from './mock/automation.js';
import { connectMockCalls } from './mock/calls.js';
import { listenForDirectPorts } from './mock/directPorts.js';
import { mockAuthenticator } from './mock/host.js';
import { syncMockPageScript } from './mock/pageScript.js';
import { answeringSettings } from './mock/settings.js';
import { connectMockUiPort } from './mock/uiPort.js';
import { onContentMessage } from './recorder/contentMessages.js';
import { connectPanel } from './recorder/panelPorts.js';
import { clear } from './recorder/tabLog.js';

// Content scripts have no use for storage.local (the recorder's settings): Chromium can keep them out of it.
// Firefox has no access levels for it; what matters is in IndexedDB either way.
(chrome.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> })
  .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
  .catch(() => undefined);

chrome.runtime.onMessage.addListener(onContentMessage);
listenForDirectPorts();

const PORTS: Record<string, (port: chrome.runtime.Port) => void> = {
  [PANEL_PORT]: connectPanel,
  [MOCK_PORT]: (port) => connectMockUiPort(port, mockAuthenticator),
  [MOCK_CALL_PORT]: connectMockCalls,
  [AUTOMATION_PORT]: (port) => connectAutomation(port, mockAuthenticator),
};
chrome.runtime.onConnect.addListener((port) => {
  const connect = Object.hasOwn(PORTS, port.name) ? PORTS[port.name] : undefined;
  if (connect) connect(port);
  else port.disconnect();
});

chrome.tabs.onRemoved.addListener((tabId) => {
  void clear(tabId);
});

// Registrations persist across restarts, but settings written while the worker was stopped (a new install, a
// restored profile) must still reach them.
void answeringSettings().then(syncMockPageScript);
