import { useTranslation } from 'react-i18next'
import type { Language } from './language.js'
import { isLanguage, LANGUAGES, rememberLanguage } from './language.js'

/** A select that switches the UI language and remembers the choice. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const change = (language: Language) => {
    rememberLanguage(language)
    void i18n.changeLanguage(language)
  }
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        data-testid="language-switch"
        aria-label={t('language.label')}
        value={i18n.language}
        onChange={(event) => isLanguage(event.target.value) && change(event.target.value)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
