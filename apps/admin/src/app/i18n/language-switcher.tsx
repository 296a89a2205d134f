import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, type Language } from './i18n';

export function LanguageSwitcher() {
  const { i18n, t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(v) => void changeLanguage(v as Language)}
      aria-label={t('account.language')}
      data-testid="language-switcher"
      data={LANGUAGES.map((lang) => ({ value: lang, label: lang.toUpperCase() }))}
    />
  );
}
