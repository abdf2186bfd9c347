// Background entry (Chromium service worker, Firefox background script). Every listener is registered
// synchronously at the top level, so a worker woken by an event finds its listener.
import { onContentMessage } from './router.js';
import { connectMockUi, onMockStateChanged } from './mockHost.js';
import { MOCK_CALL_PORT, MOCK_PORT } from '../messages.js';
import { connectMockCalls } from './mockCalls.js';
import { connectPanel, isPanelPort } from './panelPorts.js';
import { clear } from './tabLog.js';

chrome.runtime.onMessage.addListener(onContentMessage);

chrome.runtime.onConnect.addListener((port) => {
  if (isPanelPort(port)) connectPanel(port);
  else if (port.name === MOCK_PORT) connectMockUi(port);
  else if (port.name === MOCK_CALL_PORT) connectMockCalls(port);
  else port.disconnect();
});

chrome.tabs.onRemoved.addListener((tabId) => {
  void clear(tabId);
});

// Frames decide mock-or-native from their origin: when settings change, each asks again.
onMockStateChanged(() => {
  void chrome.tabs.query({}).then((tabs) => {
    for (const t of tabs) if (t.id !== undefined) chrome.tabs.sendMessage(t.id, { type: 'mock/changed' }).catch(() => undefined);
  });
});
