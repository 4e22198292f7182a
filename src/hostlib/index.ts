/** dist/embed.js: the host library and the <gradient-chain> element (defined on import). */
import { defineElement } from './element';

export { embed, viewUrl, APP_URL } from './embed';
export type { EmbedOptions, FrameConfig, Params, ParamValue, View, ViewEvent } from './embed';
export { GradientChainElement, PARAM_ATTRIBUTES, defineElement } from './element';

defineElement();
