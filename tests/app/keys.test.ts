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
