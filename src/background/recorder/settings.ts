// Recorder settings, in storage.local: they outlive the browser session.
export interface RecorderSettings {
  preserveLog: boolean;
}
const KEY = 'recorderSettings';
const DEFAULTS: RecorderSettings = { preserveLog: false };

export async function recorderSettings(): Promise<RecorderSettings> {
  const v = (await chrome.storage.local.get(KEY))[KEY] as Partial<RecorderSettings> | undefined;
  return { ...DEFAULTS, ...(v ?? {}) };
}

export async function setPreserveLog(preserveLog: boolean): Promise<void> {
  await chrome.storage.local.set({ [KEY]: { ...(await recorderSettings()), preserveLog } });
}
