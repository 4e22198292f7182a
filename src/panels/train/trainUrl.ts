/**
 * The lab's link: its keys live in the URL's #hash ("#view=train&deep=48&steps=800"), decoded with the lab's schema
 * table (clamped, with notices). The hash, because the app's URL sync owns the query string and rewrites it to the
 * visualizer's canonical keys on every change, while it leaves the hash alone; so the two never fight.
 * This module is the only place the lab touches window.location; the browser is behind {@link HashEnv} for tests.
 */
import type { ConfigNotice } from '../../core/config';
import { queryToRecord } from '../../core/config';
import { decodeTrainConfig, trainConfigToRecord, type TrainConfig } from '../../core/train/config';

/** What the lab's link says. */
export interface TrainLink {
  /** `view=train`: the lab is open */
  open: boolean;
  config: TrainConfig;
  notices: ConfigNotice[];
}

/** The URL hash, read and replaced (no history entry). */
export interface HashEnv {
  get(): string;
  set(hash: string): void;
}

/** The real browser hash. */
export function browserHashEnv(): HashEnv {
  return {
    get: () => (typeof window === 'undefined' ? '' : window.location.hash),
    set: (hash) => {
      if (typeof window === 'undefined') return;
      const url = window.location.pathname + window.location.search + (hash ? `#${hash}` : '');
      try {
        window.history.replaceState(window.history.state, '', url);
      } catch {
        // A throttled or sandboxed history API must not break the lab; the next change writes again.
      }
    },
  };
}

/** Decode a hash ("#view=train&deep=48", with or without #). Keys of other features are ignored. */
export function decodeTrainLink(hash: string): TrainLink {
  const raw = queryToRecord(hash);
  const open = raw.view === 'train';
  delete raw.view;
  const { config, notices } = decodeTrainConfig(raw, 'clamp');
  return { open, config, notices };
}

/** Encode the lab state as a hash (without #): view=train when open, then the keys that differ from defaults. */
export function encodeTrainLink(open: boolean, config: TrainConfig): string {
  const params = new URLSearchParams({ ...(open ? { view: 'train' } : {}), ...trainConfigToRecord(config) });
  return params.toString().replace(/%2C/g, ',');
}

/** The query string the CLI takes for this config (only non-default keys). */
export function cliQuery(config: TrainConfig): string {
  return new URLSearchParams(trainConfigToRecord(config)).toString().replace(/%2C/g, ',');
}
