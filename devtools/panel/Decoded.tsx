// Renders a decoded section, or its decode error next to the raw value it came from.
import type { ComponentChildren } from 'preact';
import type { Section } from '../../src/webauthn/ceremonyView.js';

export function Decoded<T>({ section, children }: { section: Section<T>; children: (value: T) => ComponentChildren }) {
  if (section.ok) return <>{children(section.value)}</>;
  const { what, offset, path } = section.error;
  return (
    <div class="decode-failed">
      <p class="decode-error" role="alert">
        Could not decode{path ? ` ${path}` : ''}: {what}
        {offset !== undefined && ` (at byte ${offset})`}
      </p>
      {section.raw !== undefined && <pre class="raw">{section.raw}</pre>}
    </div>
  );
}

/** The section's value as JSON for the copy button, or the error when there is none. */
export const sectionJson = <T,>(s: Section<T>): string =>
  JSON.stringify(s.ok ? s.value : s, (_k, v: unknown) => (v instanceof Uint8Array ? `(${v.length} bytes)` : v), 2);
