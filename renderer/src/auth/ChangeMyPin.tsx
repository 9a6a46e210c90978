import { useState, type ReactNode } from 'react';
import { ActionIcon, Modal, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PinChangeForm } from './PinChangeForm';

/** Anyone changes their own PIN from the header (the old PIN is asked for). */
export function ChangeMyPin({ icon }: { icon: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip label={t('staff.pin.changeMine')}>
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => setOpen(true)}
          aria-label={t('staff.pin.changeMine')}
          data-testid="change-my-pin"
        >
          {icon}
        </ActionIcon>
      </Tooltip>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('staff.pin.changeTitle')}
        size={380}
      >
        <PinChangeForm
          oneTime={false}
          onDone={() => {
            setOpen(false);
            notifications.show({
              color: 'teal',
              icon: <IconCheck size={16} />,
              message: t('staff.pin.done'),
            });
          }}
        />
      </Modal>
    </>
  );
}
