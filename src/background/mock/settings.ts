// The mock's settings, in storage.local: on/off globally and per site, the active profile, the profiles,
// and a simulated failure.
import { DEFAULT_PROFILE_ID, PROFILE_PRESETS, normalizeProfile } from '../../authenticator/profiles.js';
import type { MockSettings, MockState } from '../../messages.js';

const KEY = 'mock.settings';

export const defaultSettings = (): MockSettings => ({
  enabled: false, sites: {}, activeProfileId: DEFAULT_PROFILE_ID, profiles: structuredClone([...PROFILE_PRESETS]), presence: 'auto', failure: 'none',
});

export async function loadSettings(): Promise<MockSettings> {
  const v = (await chrome.storage.local.get(KEY))[KEY] as Partial<MockSettings> | undefined;
  const s = { ...defaultSettings(), ...(v ?? {}) };
  s.profiles = s.profiles.map((p) => normalizeProfile(p));
  return s;
}

export async function saveSettings(s: MockSettings): Promise<void> {
  await chrome.storage.local.set({ [KEY]: s });
}

/** Whether the mock answers for this origin: the site's own setting, else the global switch. */
export function stateFor(s: MockSettings, origin: string): MockState {
  return { enabled: Object.hasOwn(s.sites, origin) ? s.sites[origin] === true : s.enabled };
}

/** Calls the listener when the settings change; returns the function that stops it. */
export function onSettingsChanged(listener: () => void): () => void {
  const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
    if (area === 'local' && KEY in changes) listener();
  };
  chrome.storage.onChanged.addListener(onChanged);
  return () => chrome.storage.onChanged.removeListener(onChanged);
}
