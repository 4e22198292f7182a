/** The translate function for the current language, for components bound to the store. */
import { useCallback } from 'react';
import { translate } from '../state/i18n';
import { selectLang, useApp } from '../state/store';

export type T = (key: string, vars?: Record<string, string | number>) => string;

export function useT(): T {
  const lang = useApp(selectLang);
  return useCallback<T>((key, vars) => translate(lang, key, vars), [lang]);
}
