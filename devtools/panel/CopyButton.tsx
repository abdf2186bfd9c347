// Copies text to the clipboard. DevTools panels may lack the async Clipboard API permission, so fall back
// to a hidden textarea and execCommand('copy').
import { useState } from 'preact/hooks';

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    const done = document.execCommand('copy');
    ta.remove();
    return done;
  }
}

export function CopyButton({ text, label = 'Copy' }: { text: () => string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = async (e: MouseEvent): Promise<void> => {
    e.stopPropagation();
    setState((await copyText(text())) ? 'copied' : 'failed');
    setTimeout(() => setState('idle'), 1200);
  };
  return (
    <button type="button" class="copy" title={label} aria-label={label} onClick={onClick}>
      {state === 'idle' ? 'Copy' : state === 'copied' ? 'Copied' : 'Copy failed'}
    </button>
  );
}
