// The panel page. In DevTools it shows the inspected tab's log; opened as an extension page,
// panel.html?tab=<id> follows that tab and panel.html?recording starts empty, ready to import a file.
import { render } from 'preact';
import { App } from './panel/App.js';
import { liveSource } from './panel/liveSource.js';
import type { LogSource } from './panel/logSource.js';
import { recordingSource } from './panel/recordingSource.js';

function chooseSource(params: URLSearchParams): LogSource {
  const tab = params.get('tab');
  if (tab !== null && /^\d+$/.test(tab)) return liveSource(Number(tab));
  if (!params.has('recording') && inspectedTab !== undefined) return liveSource(inspectedTab);
  return recordingSource();
}

const params = new URLSearchParams(location.search);
const inspectedTab = chrome.devtools?.inspectedWindow?.tabId;
document.documentElement.dataset.context = inspectedTab === undefined ? 'page' : 'devtools';
// The DevTools panel can hand its log to a full browser tab (more room, survives closing DevTools).
const openInTab =
  inspectedTab === undefined
    ? undefined
    : () => window.open(chrome.runtime.getURL(`devtools/panel.html?tab=${inspectedTab}`), '_blank');
render(<App source={chooseSource(params)} onOpenInTab={openInTab} />, document.getElementById('app')!);
