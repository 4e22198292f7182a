/**
 * `<gradient-chain depth="30" act="tanh" panels="flow" controls="depth" theme="light">`: a view whose attributes
 * are its params. Changing a param attribute sets the view; changing panels, controls, sandbox or label (the
 * frame's title), or removing an attribute, builds the frame again. It dispatches `change` (detail: the config)
 * after a change made in the frame, and `ready`. Its children show only where the element is not defined (no
 * JavaScript): put a plain link to the full view there.
 */
import { embed, type FrameConfig, type Params, type View } from './embed';

/** The params a message may set (src/app/embed/protocol.ts; tests/hostlib/element.test.ts keeps the two equal). */
export const PARAM_ATTRIBUTES = ['depth', 'width', 'batch', 'act', 'init', 'scale', 'bias', 'arch', 'alpha', 'norm', 'loss', 'seed', 'lang', 'theme', 'bg', 'q', 'layer', 'scene'];
const LAYOUT_ATTRIBUTES = ['panels', 'controls', 'sandbox', 'label'];

/** A sandbox attribute: absent or any value but false/0/off keeps the default sandbox. */
function sandboxOf(value: string | null): boolean | string {
  if (value === null || value === '' || value === 'true') return true;
  return /^(false|0|off|none)$/i.test(value) ? false : value;
}

export class GradientChainElement extends HTMLElement {
  static observedAttributes = [...PARAM_ATTRIBUTES, ...LAYOUT_ATTRIBUTES];
  #view: View | null = null;
  #patch: Params | null = null;
  #rebuild = false;

  /** The view while the element is in a document (null before). */
  get view(): View | null {
    return this.#view;
  }

  set(params: Params): Promise<FrameConfig> {
    return this.#view ? this.#view.set(params) : Promise.reject(new Error('gradient-chain: the element is not in a document'));
  }

  get(): Promise<FrameConfig> {
    return this.#view ? this.#view.get() : Promise.reject(new Error('gradient-chain: the element is not in a document'));
  }

  connectedCallback(): void {
    if (!this.#view) this.#build();
  }

  disconnectedCallback(): void {
    this.#view?.destroy();
    this.#view = null;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.#view || old === value) return;
    if (value === null || LAYOUT_ATTRIBUTES.includes(name)) this.#rebuild = true;
    else (this.#patch ??= {})[name] = value;
    // Several attributes set in one task become one message (or one rebuild).
    queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    if (!this.#view) return;
    if (this.#rebuild) {
      this.#rebuild = false;
      this.#patch = null;
      this.#view.destroy();
      this.#build();
      return;
    }
    const patch = this.#patch;
    this.#patch = null;
    if (!patch) return;
    this.#view.set(patch).catch((err: Error) => {
      // The frame shows the clamped value and says so; the page's developer hears about it here.
      console.warn(err.message);
      this.dispatchEvent(new CustomEvent('invalid', { detail: { message: err.message } }));
    });
  }

  #build(): void {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    const style = document.createElement('style');
    style.textContent = ':host{display:block}';
    root.replaceChildren(style, box);
    const params: Params = {};
    for (const k of PARAM_ATTRIBUTES) {
      const v = this.getAttribute(k);
      if (v !== null) params[k] = v;
    }
    const panels = this.getAttribute('panels') ?? undefined;
    const controls = this.getAttribute('controls') ?? undefined;
    const view = embed(box, { params, panels, controls, sandbox: sandboxOf(this.getAttribute('sandbox')), title: this.getAttribute('label') ?? undefined });
    view.on('ready', (c: FrameConfig) => this.dispatchEvent(new CustomEvent('ready', { detail: c })));
    view.on('change', (c: FrameConfig) => this.dispatchEvent(new CustomEvent('change', { detail: c, bubbles: true })));
    this.#view = view;
  }
}

/** Define <gradient-chain> once (a second copy of the library on the page leaves the first one's). */
export function defineElement(name = 'gradient-chain'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) customElements.define(name, GradientChainElement);
}
