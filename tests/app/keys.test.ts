import { describe, expect, it } from 'vitest';
import { keyCommand, type KeyPress } from '../../src/app/present/keys';

const press = (key: string, p: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  defaultPrevented: false,
  inField: false,
  dialogOpen: false,
  ...p,
});

describe('keyboard shortcuts', () => {
  it('P toggles presentation mode and ? opens the help, in any mode', () => {
    for (const present of [false, true]) {
      expect(keyCommand(press('p'), present)).toBe('togglePresent');
      expect(keyCommand(press('P'), present)).toBe('togglePresent');
      expect(keyCommand(press('?'), present)).toBe('help');
    }
  });

  it('PageDown steps, PageUp goes back; → and ↓ go forward, ← and ↑ back; Home/End jump; Esc leaves — in presentation mode only', () => {
    const table: [string, string][] = [
      ['PageDown', 'step'],
      ['ArrowRight', 'next'],
      ['ArrowDown', 'next'],
      ['PageUp', 'back'],
      ['ArrowLeft', 'prev'],
      ['ArrowUp', 'prev'],
      ['Home', 'first'],
      ['End', 'last'],
      ['Escape', 'exit'],
    ];
    for (const [key, cmd] of table) {
      expect(keyCommand(press(key), true)).toBe(cmd);
      expect(keyCommand(press(key), false)).toBeNull();
    }
  });

  it('never takes a key typed into a field, handled by a widget, pressed with a modifier, or under a dialog', () => {
    for (const p of [{ inField: true }, { defaultPrevented: true }, { ctrlKey: true }, { metaKey: true }, { altKey: true }, { dialogOpen: true }]) {
      expect(keyCommand(press('p', p), true)).toBeNull();
      expect(keyCommand(press('ArrowRight', p), true)).toBeNull();
      expect(keyCommand(press('?', p), true)).toBeNull();
    }
  });

  it('takes the clicker keys in presentation mode whatever has focus, but never under a dialog or with a modifier', () => {
    for (const p of [{ inField: true }, { defaultPrevented: true }]) {
      expect(keyCommand(press('PageDown', p), true)).toBe('step');
      expect(keyCommand(press('PageUp', p), true)).toBe('back');
      expect(keyCommand(press('PageDown', p), false)).toBeNull();
    }
    for (const p of [{ dialogOpen: true }, { ctrlKey: true }, { altKey: true }]) expect(keyCommand(press('PageDown', p), true)).toBeNull();
  });

  it('leaves other keys alone', () => {
    for (const k of ['a', ' ', 'Enter', 'Tab', 'F5']) expect(keyCommand(press(k), true)).toBeNull();
  });
});

describe('undo and redo keys', () => {
  it('Ctrl+Z / ⌘Z undo; Ctrl+Shift+Z / ⌘⇧Z / Ctrl+Y redo — in and out of presentation mode', () => {
    for (const present of [false, true]) {
      expect(keyCommand(press('z', { ctrlKey: true }), present)).toBe('undo');
      expect(keyCommand(press('z', { metaKey: true }), present)).toBe('undo');
      expect(keyCommand(press('Z', { ctrlKey: true, shiftKey: true }), present)).toBe('redo');
      expect(keyCommand(press('Z', { metaKey: true, shiftKey: true }), present)).toBe('redo');
      expect(keyCommand(press('y', { ctrlKey: true }), present)).toBe('redo');
    }
  });

  it('work while a slider, select or checkbox has focus (the slider just dragged keeps it)', () => {
    expect(keyCommand(press('z', { ctrlKey: true, inField: true }), false)).toBe('undo');
  });

  it('leave Ctrl+Z to a text field being typed into, to a dialog, to a widget that took it, and with Alt', () => {
    for (const p of [{ inText: true, inField: true }, { dialogOpen: true }, { defaultPrevented: true }, { altKey: true }]) {
      expect(keyCommand(press('z', { ctrlKey: true, ...p }), false)).toBeNull();
      expect(keyCommand(press('Z', { ctrlKey: true, shiftKey: true, ...p }), false)).toBeNull();
    }
  });

  it('need the modifier; ⌘Y stays the browser’s; other layouts use the physical Z key', () => {
    expect(keyCommand(press('z'), false)).toBeNull();
    expect(keyCommand(press('y', { metaKey: true }), false)).toBeNull();
    expect(keyCommand(press('я', { ctrlKey: true, code: 'KeyZ' }), false)).toBe('undo');
    // AZERTY: the key that types "z" is undo, whatever its physical position.
    expect(keyCommand(press('z', { ctrlKey: true, code: 'KeyW' }), false)).toBe('undo');
  });

  it('PageDown and the other presentation keys are unchanged by the undo keys', () => {
    expect(keyCommand(press('PageDown', { inField: true }), true)).toBe('step');
    expect(keyCommand(press('ArrowRight'), true)).toBe('next');
    expect(keyCommand(press('p'), true)).toBe('togglePresent');
  });
});
