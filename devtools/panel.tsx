// The panel page. In DevTools it shows the inspected tab's log; opened as an extension page,
// panel.html?tab=<id> follows that tab and panel.html?recording starts empty, ready to import a file.
import { render } from 'preact';
import { App } from './panel/App.js';
import { liveSource } from './panel/liveSource.js';
import type { LogSource } from './panel/logSource.js';
import { recordingSource } from './panel/recordingSource.js';

function chooseSource(params: URLSearchParams): LogSource {
  const tab = Number(params.get('tab'));
  if (params.has('tab') && Number.isInteger(tab)) return liveSource(tab);
  const inspected = typeof chrome !== 'undefined' ? chrome.devtools?.inspectedWindow?.tabId : undefined;
  if (!params.has('recording') && inspected !== undefined) return liveSource(inspected);
  return recordingSource();
}

const params = new URLSearchParams(location.search);
document.documentElement.dataset.context = chrome.devtools?.inspectedWindow ? 'devtools' : 'page';
render(<App source={chooseSource(params)} />, document.getElementById('app')!);
