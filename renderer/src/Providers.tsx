import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  MantineProvider,
  PasswordInput,
  localStorageColorSchemeManager,
  mergeThemeOverrides,
} from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { ModalsProvider } from '@mantine/modals';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { theme } from './theme';
import { dayjsLocale, type Lang } from './i18n';
import { ApiCallError } from './api/client';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'workstation.colorScheme' });

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiCallError && err.code !== 'NETWORK') && count < 2,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  const { i18n, t } = useTranslation();
  const [lang, setLangState] = useState<Lang>(i18n.language === 'zh' ? 'zh' : 'en');
  useEffect(() => {
    const on = (l: string) => setLangState(l === 'zh' ? 'zh' : 'en');
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, [i18n]);
  // Mantine's own built-in words (the PIN reveal button's label) in the window's language.
  const localTheme = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          PasswordInput: PasswordInput.extend({
            defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('passwordToggle') } },
          }),
        },
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t follows lang
    [lang],
  );
  return (
    <MantineProvider theme={localTheme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
      <DatesProvider settings={{ locale: dayjsLocale(lang), firstDayOfWeek: 1 }}>
        <QueryClientProvider client={queryClient}>
          <ModalsProvider>
            <Notifications position="top-right" limit={4} />
            {children}
          </ModalsProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
