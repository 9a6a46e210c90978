import { useState } from 'react';
import { Group, Image, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconPhotoPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PhotoDto } from '../../../main/api/contract';
import { ErrorText } from '../common/ErrorText';
import { useBenchCall } from '../bench/benchApi';
import { Panel } from '../bench/detail/Panel';
import { PhotoViewer } from './PhotoViewer';
import { usePhotoData, usePhotos } from './photosApi';
import { preparePhoto } from './shrink';

/** What Chromium can decode and redraw; HEIC from iPhones must be exported as JPEG first. */
const ACCEPT = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp'];

/** Photos of the device's condition and of the fault, on the bench detail. */
export function PhotosPanel({ ticketId }: { ticketId: number }) {
  const { t } = useTranslation();
  const photos = usePhotos(ticketId);
  const add = useBenchCall('photos.add', { notifyErrors: false });
  const [caption, setCaption] = useState('');
  const [busy, setBusy] = useState(false);
  // A refused call (translated from its key), or a file the browser itself could not read.
  const [failure, setFailure] = useState<{ err: unknown } | { key: string } | null>(null);
  const [open, setOpen] = useState<PhotoDto | null>(null);

  const upload = async (files: File[]) => {
    setBusy(true);
    setFailure(null);
    try {
      for (const file of files) {
        const prepared = await preparePhoto(file).catch(() => null);
        if (!prepared) {
          setFailure({ key: 'errors.photoType' });
          return;
        }
        await add.run({ ticketId, caption: caption.trim() || undefined, ...prepared });
      }
      setCaption('');
    } catch (err) {
      setFailure({ err });
    } finally {
      setBusy(false);
    }
  };

  const list = photos.data ?? [];
  return (
    <Panel title={t('photos.title', { count: list.length })} testId="photos-panel">
      <Stack gap={6}>
        {list.length > 0 && (
          <SimpleGrid cols={4} spacing={6}>
            {list.map((p) => (
              <Thumb key={p.id} photo={p} onOpen={() => setOpen(p)} />
            ))}
          </SimpleGrid>
        )}
        <TextInput
          size="xs"
          placeholder={t('photos.captionPlaceholder')}
          aria-label={t('photos.caption')}
          value={caption}
          onChange={(e) => setCaption(e.currentTarget.value)}
          maxLength={200}
          data-testid="photo-caption"
        />
        <Dropzone
          onDrop={(files) => void upload(files)}
          onReject={() => setFailure({ key: 'errors.photoType' })}
          accept={ACCEPT}
          loading={busy}
          p="xs"
          data-testid="photo-drop"
        >
          <Group gap="xs" justify="center" wrap="nowrap" style={{ pointerEvents: 'none' }}>
            <IconPhotoPlus size={18} stroke={1.5} />
            <Text size="xs" c="dimmed">
              {t('photos.drop')}
            </Text>
          </Group>
        </Dropzone>
        {failure && (
          <Text size="sm" c="red" data-testid="photo-error">
            {'key' in failure ? t(failure.key) : <ErrorText err={failure.err} />}
          </Text>
        )}
      </Stack>
      <PhotoViewer photo={open} onClose={() => setOpen(null)} />
    </Panel>
  );
}

function Thumb({ photo, onOpen }: { photo: PhotoDto; onOpen(): void }) {
  const data = usePhotoData(photo.id);
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-label={photo.caption ?? photo.fileName}
      data-testid={`photo-thumb-${photo.id}`}
    >
      <Image
        src={data.data?.dataUrl}
        h={64}
        radius="sm"
        fit="cover"
        alt={photo.caption ?? photo.fileName}
      />
    </UnstyledButton>
  );
}
