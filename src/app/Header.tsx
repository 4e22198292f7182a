/** The page header: title, tagline, and the language and theme switches. */
import { useT } from '../controls/useT';
import { LANGS } from '../state/i18n';
import { selectActions, selectUi, useApp, useAppShallow } from '../state/store';
import { THEMES } from '../state/uiSchema';
import { RadioSwitch } from './RadioSwitch';
import { ShareBar } from './share/ShareBar';

export function Header() {
  const t = useT();
  const ui = useApp(selectUi);
  const { setUi } = useAppShallow(selectActions);
  return (
    <header className="site-header">
      <div className="site-title">
        <h1>{t('app.title')}</h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <div className="site-switches">
        <RadioSwitch
          name="lang"
          label={t('header.lang')}
          value={ui.lang}
          options={LANGS.map((l) => ({ value: l, label: t(`lang.${l}`), lang: l === 'zh' ? 'zh-CN' : 'en' }))}
          onChange={(lang) => setUi({ lang })}
        />
        <RadioSwitch
          name="theme"
          label={t('header.theme')}
          value={ui.theme}
          options={THEMES.map((th) => ({ value: th, label: t(`theme.${th}`) }))}
          onChange={(theme) => setUi({ theme })}
        />
      </div>
      <ShareBar />
    </header>
  );
}
