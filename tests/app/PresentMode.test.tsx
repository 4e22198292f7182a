// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { isTextEntry } from '../../src/app/present/keys';
import { PresentMode } from '../../src/app/present/PresentMode';
import { useHelp } from '../../src/app/present/helpState';
import { SCENES, sceneConfig } from '../../src/state/scenes';
import { appStore, createInitialState } from '../../src/state/store';

beforeEach(() => {
  act(() => {
    appStore.setState(createInitialState());
    useHelp.setState({ open: false });
  });
});

const key = (k: string, target: Element = document.body) => act(() => void fireEvent.keyDown(target, { key: k }));

describe('present mode keys', () => {
  it('P toggles presentation mode, but not while typing in a field', () => {
    render(
      <>
        <PresentMode />
        <input aria-label="field" />
      </>,
    );
    key('p');
    expect(appStore.getState().ui.present).toBe(true);
    key('p', screen.getByRole('textbox', { name: 'field' }));
    expect(appStore.getState().ui.present).toBe(true);
    key('P');
    expect(appStore.getState().ui.present).toBe(false);
  });

  it('PageDown starts the story and walks it; PageUp, Home and End move within it; Esc leaves', () => {
    render(<PresentMode />);
    key('ArrowRight');
    expect(appStore.getState().ui.scene).toBe(0); // not presenting: arrows are the page's
    key('p');
    key('PageDown');
    expect(appStore.getState().ui.scene).toBe(1);
    expect(appStore.getState().config).toEqual(sceneConfig(1));
    key('ArrowRight');
    key('ArrowDown');
    expect(appStore.getState().ui.scene).toBe(3);
    key('PageUp');
    expect(appStore.getState().ui.scene).toBe(2);
    key('End');
    expect(appStore.getState().ui.scene).toBe(SCENES.length);
    key('PageDown');
    expect(appStore.getState().ui.scene).toBe(SCENES.length);
    key('Home');
    key('ArrowLeft');
    expect(appStore.getState().ui.scene).toBe(1);
    key('Escape');
    expect(appStore.getState().ui.present).toBe(false);
  });

  it('? opens the keyboard help, in English and in Chinese', async () => {
    render(<PresentMode />);
    key('?');
    // The dialog's code loads on first use (a dynamic import: slow while the whole suite shares two cores).
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' }, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveTextContent('PageDown');
    act(() => appStore.getState().setUi({ lang: 'zh' }));
    // Waited for, like the dialog above: on two busy cores React had not re-rendered the just-revealed lazy
    // dialog by the time a synchronous query ran (a full-suite CI run failed here; alone it always passed).
    expect(await screen.findByRole('dialog', { name: '键盘快捷键' }, { timeout: 10_000 })).toHaveTextContent('开启或关闭演示模式');
    fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('undo and redo keys on the page', () => {
  const chord = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean }, target: Element = document.body) =>
    act(() => void fireEvent.keyDown(target, { key: k, ...mods }));

  it('Ctrl+Z and ⌘Z undo a config change, Ctrl+Shift+Z and Ctrl+Y redo it, even with a slider focused', () => {
    render(
      <>
        <PresentMode />
        <input type="range" aria-label="slider" />
      </>,
    );
    const start = appStore.getState().config.depth;
    act(() => appStore.getState().setConfig({ depth: start + 7 }));
    const slider = screen.getByRole('slider', { name: 'slider' });
    chord('z', { ctrlKey: true }, slider);
    expect(appStore.getState().config.depth).toBe(start);
    chord('Z', { ctrlKey: true, shiftKey: true }, slider);
    expect(appStore.getState().config.depth).toBe(start + 7);
    chord('z', { metaKey: true });
    expect(appStore.getState().config.depth).toBe(start);
    chord('y', { ctrlKey: true });
    expect(appStore.getState().config.depth).toBe(start + 7);
  });

  it('leaves Ctrl+Z to a number field being typed into (the browser undoes the typing), and does not prevent its default', () => {
    render(
      <>
        <PresentMode />
        <input type="number" aria-label="exact" />
      </>,
    );
    const start = appStore.getState().config.depth;
    act(() => appStore.getState().setConfig({ depth: start + 7 }));
    const field = screen.getByRole('spinbutton', { name: 'exact' });
    let prevented = true;
    act(() => {
      prevented = !fireEvent.keyDown(field, { key: 'z', ctrlKey: true });
    });
    expect(prevented).toBe(false);
    expect(appStore.getState().config.depth).toBe(start + 7);
  });

  it('text entry: text and number fields, textareas and editable content — not sliders, checkboxes or selects', () => {
    const el = (html: string) => {
      const d = document.createElement('div');
      d.innerHTML = html;
      document.body.append(d);
      return d.firstElementChild;
    };
    expect(isTextEntry(el('<input type="number">'))).toBe(true);
    expect(isTextEntry(el('<input type="text">'))).toBe(true);
    expect(isTextEntry(el('<textarea></textarea>'))).toBe(true);
    expect(isTextEntry(el('<input type="range">'))).toBe(false);
    expect(isTextEntry(el('<input type="checkbox">'))).toBe(false);
    expect(isTextEntry(el('<select><option>a</option></select>'))).toBe(false);
    expect(isTextEntry(el('<button>b</button>'))).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
