// Accepts a recording file three ways: the Import button's file picker, drag-and-drop onto the panel, and
// pasting the file's text. Picking works in every mode (importing into a live panel switches nothing: the
// recording source's load() is what shows it).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import { importRecordingFile, importRecordingText, type ImportResult } from './recordingIo.js';

interface Props {
  enabled: boolean;
  onImported(r: ImportResult): void;
  /** Set to a function that opens the file picker. */
  pickRef: MutableRef<() => void>;
  children: ComponentChildren;
}

export function ImportTarget({ enabled, onImported, pickRef, children }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  pickRef.current = () => input.current?.click();

  useEffect(() => {
    if (!enabled) return;
    const onPaste = (e: ClipboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      const text = e.clipboardData?.getData('text');
      if (text) onImported(importRecordingText(text));
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [enabled, onImported]);

  const onDrop = async (e: DragEvent): Promise<void> => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer?.files[0];
    if (file) onImported(await importRecordingFile(file));
  };

  return (
    <div
      class={`import-target${over ? ' drag-over' : ''}`}
      onDragOver={(e) => {
        if (!enabled) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={enabled ? onDrop : undefined}
    >
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-import-file
        onChange={async (e) => {
          const el = e.currentTarget as HTMLInputElement;
          const file = el.files?.[0];
          el.value = '';
          if (file) onImported(await importRecordingFile(file));
        }}
      />
      {children}
    </div>
  );
}
