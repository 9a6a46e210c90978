import { useEffect, useRef } from 'react';
import { Button, Group, Paper, Text } from '@mantine/core';
import SignaturePad from 'signature_pad';
import { useTranslation } from 'react-i18next';

const WIDTH = 460;
const HEIGHT = 150;

/** The customer signs on screen (mouse, pen or touch); the pad hands back a PNG data URL. */
export function SignaturePadBox({
  onChange,
  error,
}: {
  onChange: (png: string | null) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const el = canvas.current!;
    // Draw at the screen's pixel density so the stored PNG is crisp, keep the CSS size fixed.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    el.width = WIDTH * ratio;
    el.height = HEIGHT * ratio;
    el.getContext('2d')!.scale(ratio, ratio);
    const p = new SignaturePad(el, { penColor: '#1a1b1e', minWidth: 0.8, maxWidth: 2.4 });
    p.addEventListener('endStroke', () =>
      changed.current(p.isEmpty() ? null : p.toDataURL('image/png')),
    );
    pad.current = p;
    return () => p.off();
  }, []);

  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={500}>
          {t('pickup.desk.signature')}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            pad.current?.clear();
            onChange(null);
          }}
          data-testid="signature-clear"
        >
          {t('pickup.desk.clear')}
        </Button>
      </Group>
      <Paper
        withBorder
        radius="sm"
        style={{
          width: WIDTH,
          background: '#fff',
          borderColor: error ? 'var(--mantine-color-red-6)' : undefined,
        }}
      >
        <canvas
          ref={canvas}
          style={{
            width: WIDTH,
            height: HEIGHT,
            display: 'block',
            touchAction: 'none',
            cursor: 'crosshair',
          }}
          aria-label={t('pickup.desk.signHere')}
          data-testid="signature-pad"
        />
      </Paper>
      <Text size="xs" c={error ? 'red' : 'dimmed'} mt={2}>
        {error ?? t('pickup.desk.signHere')}
      </Text>
    </div>
  );
}
