import type { ReactNode } from 'react';
import { Alert, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveState } from './liveState';

/**
 * While the station's link to the shop's database is down: a banner over the screen, and the
 * screen itself kept as it is but read-only (a disabled fieldset disables every field and
 * button inside without unmounting anything, so nothing typed or scrolled is lost). The
 * backend refuses saving meanwhile too (`live.readOnly`).
 */
export function LiveGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const down = useLiveState()?.state === 'reconnecting';
  return (
    <>
      {down && (
        <Alert
          color="orange"
          variant="filled"
          icon={<Loader size="xs" color="white" />}
          title={t('live.reconnecting')}
          mb="md"
          data-testid="live-banner"
          role="status"
          style={{ position: 'sticky', top: 60, zIndex: 150 }}
        >
          {t('live.reconnectingHint')}
        </Alert>
      )}
      <fieldset
        disabled={down}
        data-testid="live-fieldset"
        style={{ display: 'contents', border: 0, padding: 0, margin: 0, minWidth: 0 }}
      >
        {children}
      </fieldset>
    </>
  );
}
