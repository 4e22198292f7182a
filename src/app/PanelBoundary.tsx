/**
 * An error boundary around each panel: a panel that throws shows a message (and a retry button) in its own frame
 * instead of blanking the page. It also resets by itself when `resetKey` (the report) changes.
 */
import { Component, type ReactNode } from 'react';
import { translate, type Lang } from '../state/i18n';

interface Props {
  lang: Lang;
  /** a new value clears a caught error (e.g. the next report) */
  resetKey: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: unknown;
}

export class PanelBoundary extends Component<Props, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: Error): void {
    // Logged as a warning, not an error: the boundary handled it and the page keeps working.
    console.warn('panel failed to render:', error);
  }

  render() {
    const { error } = this.state;
    // The wrapper has no box of its own (display: contents); it marks where each boundary sits, for tests and tools.
    if (!error)
      return (
        <div className="panel-boundary" data-boundary="ok" style={{ display: 'contents' }}>
          {this.props.children}
        </div>
      );
    const t = (k: string, v?: Record<string, string>) => translate(this.props.lang, k, v);
    return (
      <div className="panel-error" role="alert" data-boundary="caught">
        <p className="panel-error-title">{t('panel.crashed')}</p>
        <p className="panel-error-detail">{t('panel.crashedDetail', { message: error.message })}</p>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          {t('panel.retry')}
        </button>
      </div>
    );
  }
}
