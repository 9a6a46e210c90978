import { useState } from 'react';
import { Button, Group, Image, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PhotoDto } from '../../../main/api/contract';
import { useSession } from '../auth/session';
import { fmtDateTime } from '../common/format';
import { useBenchCall } from '../bench/benchApi';
import { ReasonModal } from '../bench/detail/ReasonModal';
import { usePhotoData } from './photosApi';

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** One photo at full size, with who took it; a manager may remove it with a reason. */
export function PhotoViewer({ photo, onClose }: { photo: PhotoDto | null; onClose(): void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const data = usePhotoData(photo?.id ?? null);
  const remove = useBenchCall('photos.remove');
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Modal
        opened={photo !== null && !asking}
        onClose={onClose}
        size="xl"
        title={photo?.caption ?? photo?.fileName}
        data-testid="photo-viewer"
      >
        {photo && (
          <Stack gap="xs">
            <Image
              src={data.data?.dataUrl}
              fit="contain"
              mah="70vh"
              alt={photo.caption ?? photo.fileName}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {t('photos.meta', {
                  file: photo.fileName,
                  size: kb(photo.sizeBytes),
                  width: photo.width,
                  height: photo.height,
                  who: photo.staffName,
                  when: fmtDateTime(photo.createdAt),
                })}
              </Text>
              {can('bench.assign') && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setAsking(true)}
                  data-testid="photo-remove"
                >
                  {t('photos.remove')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Modal>
      <ReasonModal
        opened={asking}
        busy={remove.isPending}
        title={t('photos.removeTitle')}
        onConfirm={(reason) => {
          if (!photo) return;
          void remove
            .run({ id: photo.id, reason })
            .then(() => {
              setAsking(false);
              onClose();
            })
            .catch(() => undefined);
        }}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
