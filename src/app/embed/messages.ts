/**
 * Message types of the host library's part of the embed protocol (src/hostlib/ speaks it from the host page,
 * ./hostCalls.ts answers inside the frame). No imports: the dependency-free host library bundles this file.
 *
 * Frame → host:
 *   { type: 'gcv:ready', version, config }    once, when the frame listens (config: see FullConfig)
 *   { type: 'gcv:change', config }            after a change made inside the frame, debounced
 *   { type: 'gcv:config', id, config }        the answer to gcv:get
 *   { type: 'gcv:applied', id, config, notices, ignored }   the answer to a gcv:set that carried an id
 * Host → frame (accepted only from the frame's parent window):
 *   { type: 'gcv:get', id }                   ask for the current config
 *   { type: 'gcv:set', id, params }           gcv:set (./protocol.ts) with an id: applied, then answered
 */
export const PROTOCOL_VERSION = 1;
export const MSG_CHANGE = 'gcv:change';
export const MSG_GET = 'gcv:get';
export const MSG_CONFIG = 'gcv:config';
export const MSG_APPLIED = 'gcv:applied';

/** Quiet time after the last change inside the frame before it is reported to the host. */
export const CHANGE_DEBOUNCE_MS = 250;

/** A request id: a short string or a safe integer, chosen by the host. */
export type CallId = string | number;

export function isCallId(x: unknown): x is CallId {
  return (typeof x === 'string' && x.length > 0 && x.length <= 64) || Number.isSafeInteger(x);
}
