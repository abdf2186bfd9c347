// Light or dark, following DevTools' theme inside DevTools and the system's colour scheme as a page.
import { useEffect, useState } from 'preact/hooks';

export type Theme = 'light' | 'dark';

function devtoolsTheme(): Theme | undefined {
  const name = typeof chrome !== 'undefined' ? chrome.devtools?.panels?.themeName : undefined;
  if (name === undefined) return undefined;
  return name === 'dark' ? 'dark' : 'light';
}

const systemTheme = (): Theme => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

export function useTheme(): Theme {
  const [theme, setTheme] = useState<Theme>(() => devtoolsTheme() ?? systemTheme());
  useEffect(() => {
    const fromDevtools = devtoolsTheme();
    if (fromDevtools) {
      // Chromium only tells us at load; Firefox's panels API can report changes.
      const panels = chrome.devtools.panels as typeof chrome.devtools.panels & {
        onThemeChanged?: chrome.events.Event<(t: string) => void>;
      };
      const onChange = (t: string): void => setTheme(t === 'dark' ? 'dark' : 'light');
      panels.onThemeChanged?.addListener(onChange);
      return () => panels.onThemeChanged?.removeListener(onChange);
    }
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onChange = (): void => setTheme(systemTheme());
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}
