import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../auth/session';
import { fmtDateTime } from '../common/format';
import { StationNameForm } from './StationNameForm';
import { useThisStation } from './stationsApi';

/** Asked once, of an admin or a manager, on a PC whose station name nobody has confirmed yet
 * (it starts as the host name). Enter saves; the field has focus. */
function NamePrompt({ current }: { current: string }) {
  const { t } = useTranslation();
  const [closed, setClosed] = useState(false);
  return (
    <Modal
      opened={!closed}
      onClose={() => setClosed(true)}
      title={t('stations.prompt.title')}
      data-testid="station-name-prompt"
    >
      <StationNameForm
        current={current}
        label={t('stations.prompt.label')}
        confirm={t('stations.prompt.confirm')}
        testId="station-name"
        intro={<Text size="sm">{t('stations.prompt.body')}</Text>}
        onSaved={() => setClosed(true)}
      />
    </Modal>
  );
}

/** Said plainly to anyone signing in at a PC an admin retired as a station. */
function RetiredNotice({ at }: { at: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { can } = useSession();
  const [closed, setClosed] = useState(false);
  const reinstate = async () => {
    try {
      await call('stations.reinstate', {});
      notifications.show({ color: 'teal', message: t('stations.retiredNotice.reinstated') });
      await qc.invalidateQueries({ queryKey: ['stations'] });
    } catch (err) {
      notifications.show({ color: 'red', message: errorText(t, err) });
    }
  };
  return (
    <Modal
      opened={!closed}
      onClose={() => setClosed(true)}
      title={t('stations.retiredNotice.title')}
      data-testid="station-retired-notice"
    >
      <Stack gap="sm">
        <Text size="sm">{t('stations.retiredNotice.body', { when: fmtDateTime(at) })}</Text>
        <Group justify="flex-end">
          {can('station.manage') && (
            <Button
              variant="light"
              onClick={() => void reinstate()}
              data-testid="station-reinstate"
            >
              {t('stations.retiredNotice.reinstate')}
            </Button>
          )}
          <Button onClick={() => setClosed(true)} data-autofocus>
            {t('stations.retiredNotice.ok')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Over the shell after sign-in: the first-start name prompt, or the retired notice. */
export function StationGate() {
  const { staff } = useSession();
  const q = useThisStation(!!staff);
  if (!staff || !q.data) return null;
  if (q.data.retiredAt !== null) return <RetiredNotice at={q.data.retiredAt} />;
  const asks = staff.role === 'admin' || staff.role === 'manager';
  if (!q.data.named && asks) return <NamePrompt current={q.data.name} />;
  return null;
}
