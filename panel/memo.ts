import { Component, type ComponentChild } from 'preact';

/** A component that re-renders only when a prop changes (shallow): preact/compat's memo, without compat's weight. */
export function memo<P extends object>(render: (props: P) => ComponentChild) {
  return class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const prev = this.props as Record<string, unknown>;
      const incoming = next as Record<string, unknown>;
      for (const key in incoming) if (incoming[key] !== prev[key]) return true;
      for (const key in prev) if (!(key in incoming)) return true;
      return false;
    }
    override render(props: P): ComponentChild {
      return render(props);
    }
  };
}
