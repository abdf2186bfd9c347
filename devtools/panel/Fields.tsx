// A two-column table of named values: the detail view's basic building block.
import type { ComponentChildren } from 'preact';

export type FieldRow = [name: string, value: ComponentChildren];

export function Fields({ rows }: { rows: readonly FieldRow[] }) {
  return (
    <table class="fields">
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name} data-field={name}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A JSON-able value as compact text; undefined shows as "absent". */
export function Json({ value }: { value: unknown }) {
  if (value === undefined) return <span class="muted">absent</span>;
  return <code class="json">{typeof value === 'string' ? value : JSON.stringify(value)}</code>;
}

export const pretty = (v: unknown, replacer?: (key: string, value: unknown) => unknown): string =>
  JSON.stringify(v, replacer, 2);
