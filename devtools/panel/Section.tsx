// An expandable, copyable part of the detail view. Each section renders inside its own error boundary, so one
// structure the decoders did not foresee shows an error in that section and leaves the rest readable.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorBoundary } from './ErrorBoundary.js';
import { CopyButton } from './CopyButton.js';

interface Props {
  title: string;
  /** Stable name for tests and for remembering which sections are open. */
  id: string;
  /** Text the copy button puts on the clipboard (usually the section as JSON). */
  copy?: () => string;
  open?: boolean;
  /** A short note shown next to the title: "2 problems", "verified". */
  badge?: ComponentChildren;
  children: ComponentChildren;
}

export function Section({ title, id, copy, open = true, badge, children }: Props) {
  const [isOpen, setOpen] = useState(open);
  return (
    <section class="section" data-section={id}>
      <header>
        <button type="button" class="disclosure" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
          <span class="caret">{isOpen ? '▾' : '▸'}</span> {title}
        </button>
        {badge !== undefined && <span class="badge">{badge}</span>}
        {copy && <CopyButton text={copy} label={`Copy ${title}`} />}
      </header>
      {isOpen && (
        <div class="section-body">
          <ErrorBoundary what={title}>{children}</ErrorBoundary>
        </div>
      )}
    </section>
  );
}
