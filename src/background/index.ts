// Background entry (Chromium service worker, Firefox background script). Every listener is registered
// synchronously at the top level, so a worker woken by an event finds its listener.
import { onContentMessage } from './router.js';
import { connectMockUi, flushMockWrites, onMockStateChanged } from './mockHost.js';
import { MOCK_CALL_PORT, MOCK_PORT } from '../messages.js';
import { connectMockCalls } from './mockCalls.js';
import { listenForDirectPorts } from './directPorts.js';
import { connectPanel, isPanelPort } from './panelPorts.js';
import { clear, flushAll } from './tabLog.js';
import { loadSettings } from './mock/settings.js';
import { syncMockPageScript } from './mock/pageScript.js';

chrome.runtime.onMessage.addListener(onContentMessage);
listenForDirectPorts();

chrome.runtime.onConnect.addListener((port) => {
  if (isPanelPort(port)) connectPanel(port);
  else if (port.name === MOCK_PORT) connectMockUi(port);
  else if (port.name === MOCK_CALL_PORT) connectMockCalls(port);
  else port.disconnect();
});

// Firefox says when it unloads the background page: log records and credential updates still waiting for
// their batch go first.
chrome.runtime.onSuspend?.addListener(() => {
  void flushAll();
  flushMockWrites();
});

chrome.tabs.onRemoved.addListener((tabId) => {
  void clear(tabId);
});

// Frames decide mock-or-native from their origin: when settings change, each asks again. (saveSettings brings
// the mock's page script in line first; a frame it reaches later asks by itself, with "mock-hello".)
onMockStateChanged(() => {
  void chrome.tabs.query({}).then((tabs) => {
    for (const t of tabs)
      if (t.id !== undefined) chrome.tabs.sendMessage(t.id, { type: 'mock/changed' }).catch(() => undefined);
  });
});

// Registrations persist across restarts, but settings written while the worker was stopped (a new install, a
// restored profile) must still reach them.
void loadSettings().then(syncMockPageScript);
