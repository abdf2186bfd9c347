// Catches a rendering error in one part of the detail so the panel never goes blank.
import { Component, type ComponentChildren } from 'preact';

interface Props {
  what: string;
  children: ComponentChildren;
}

export class ErrorBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  override componentDidCatch(error: unknown): void {
    this.setState({ error });
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    const message = this.state.error instanceof Error ? this.state.error.message : String(this.state.error);
    return (
      <p class="decode-error" role="alert">
        Could not show {this.props.what}: {message}
      </p>
    );
  }
}
