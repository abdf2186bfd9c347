// The panel: toolbar, list and the selected ceremony's detail, over one log source.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CeremonyRecord } from '../../src/webauthn/record.js';
import { CompareView } from './CompareView.js';
import { DecodeView } from './DecodeView.js';
import { Detail } from './Detail.js';
import { allPass, applyFilter, type Filter } from './filter.js';
import { ImportTarget } from './ImportTarget.js';
import { List } from './List.js';
import type { LogSource } from './logSource.js';
import { recordingSource } from './recordingSource.js';
import { downloadRecording, type ImportResult } from './recordingIo.js';
import { useTheme } from './theme.js';
import { Toolbar } from './Toolbar.js';
import { useLog } from './useLog.js';

const EMPTY_TEXT: Record<LogSource['kind'], string> = {
  live: 'No WebAuthn calls recorded yet. Calls this tab makes appear here as they happen.',
  recording: 'No recording open. Import one (Import…), drop the file here, or paste its text.',
};

export function App({ source: initial, onOpenInTab }: { source: LogSource; onOpenInTab?: () => void }) {
  useTheme();
  // Importing into a live panel switches it to the recording; reopen the panel to go back to the tab's log.
  const [source, setSource] = useState(initial);
  const log = useLog(source);
  const [filter, setFilter] = useState<Filter>(allPass);
  const [selectedId, setSelectedId] = useState<string>();
  const [autoSelect, setAutoSelect] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [imported, setImported] = useState<string>();
  const [decoding, setDecoding] = useState(false);
  /** The ceremony the next selected one is compared with: one of the log's, or one pasted in the Decode view. */
  const [base, setBase] = useState<CeremonyRecord>();
  const pickFile = useRef<() => void>(() => undefined);

  const rows = useMemo(() => applyFilter(log.ceremonies, filter), [log.ceremonies, filter]);
  const selected: CeremonyRecord | undefined = useMemo(
    () => (selectedId === undefined ? undefined : log.ceremonies.find((c) => c.id === selectedId)),
    [log.ceremonies, selectedId],
  );

  const newestId = rows.length ? log.ceremonies[rows[rows.length - 1]].id : undefined;
  useEffect(() => {
    if (autoSelect && newestId !== undefined) setSelectedId(newestId);
  }, [autoSelect, newestId]);

  const onImported = (r: ImportResult): void => {
    if (!r.ok) {
      setNotice(`Import failed: ${r.error}`);
      return;
    }
    setNotice(undefined);
    setImported(r.source);
    setSelectedId(undefined);
    if (source.load) source.load(r.ceremonies);
    else setSource(recordingSource(r.ceremonies));
  };

  const onExport = (which: 'all' | 'selection'): void => {
    const list = which === 'selection' ? (selected ? [selected] : []) : log.ceremonies;
    const name = downloadRecording(list, imported);
    setNotice(`Exported ${list.length} call${list.length === 1 ? '' : 's'} as ${name}`);
  };

  return (
    <ImportTarget enabled={source.kind === 'recording'} onImported={onImported} pickRef={pickFile}>
      <div class="panel">
        <Toolbar
          live={source.kind === 'live'}
          connected={log.connected}
          dropped={log.dropped}
          filter={filter}
          onFilter={setFilter}
          preserveLog={log.preserveLog}
          onPreserveLog={(v) => source.setPreserveLog(v)}
          autoSelect={autoSelect}
          onAutoSelect={setAutoSelect}
          onClear={() => {
            setSelectedId(undefined);
            source.clear();
          }}
          onExport={onExport}
          hasSelection={selected !== undefined}
          onImport={() => pickFile.current()}
          onDecode={() => setDecoding(true)}
          onOpenInTab={source.kind === 'live' ? onOpenInTab : undefined}
          shown={rows.length}
          total={log.ceremonies.length}
        />
        {notice && (
          <div class="notice" role="status">
            {notice}{' '}
            <button type="button" class="icon" aria-label="Dismiss" onClick={() => setNotice(undefined)}>
              ×
            </button>
          </div>
        )}
        {decoding ? (
          <DecodeView
            onClose={() => setDecoding(false)}
            onCompare={(pasted) => {
              setBase(pasted);
              // Armed: the next call the user selects is compared with the paste.
              setSelectedId(undefined);
              setDecoding(false);
            }}
          />
        ) : (
          <div class="split">
            <List
              ceremonies={log.ceremonies}
              rows={rows}
              selectedId={selectedId}
              onSelect={setSelectedId}
              emptyText={EMPTY_TEXT[source.kind]}
            />
            {selected && base && base.id !== selected.id ? (
              <CompareView a={base} b={selected} onStop={() => setBase(undefined)} />
            ) : selected || base ? (
              <div class="detail-column">
                {base && (
                  <p class="compare-armed" role="status">
                    Select another call to compare with this one.{' '}
                    <button type="button" onClick={() => setBase(undefined)} data-action="stop-compare">
                      Cancel
                    </button>
                  </p>
                )}
                {selected ? (
                  <Detail record={selected} log={log.ceremonies} onCompare={() => setBase(selected)} />
                ) : (
                  <div class="detail empty">Select a call to compare with the pasted ceremony.</div>
                )}
              </div>
            ) : (
              <div class="detail empty">Select a call to see it decoded.</div>
            )}
          </div>
        )}
      </div>
    </ImportTarget>
  );
}
