import { Button, Group, Kbd, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BenchDetail, MoveDto } from '../../../../main/api/contract';
import { blockedBy, moveLabelKey } from './moves';

/** One button per next move this role may make, each with its key letter. */
export function MovesBar({
  detail,
  busy,
  onMove,
}: {
  detail: BenchDetail;
  busy: boolean;
  onMove(m: MoveDto): void;
}) {
  const { t } = useTranslation();
  const from = detail.ticket.status;
  if (detail.moves.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="bench-no-moves">
        {t('move.none')}
      </Text>
    );
  return (
    <Group gap="xs" data-testid="bench-moves">
      {detail.moves.map((m) => {
        const blocked = blockedBy(m, detail);
        const danger = m.to === 'cancelled';
        // Forward moves lead; holding and cancelling are side tracks and look quieter.
        const side = danger || m.to === 'on_hold';
        const button = (
          <Button
            size="xs"
            variant={side ? 'subtle' : blocked ? 'default' : 'light'}
            color={danger ? 'red' : side ? 'gray' : undefined}
            opacity={blocked ? 0.6 : 1}
            disabled={busy}
            onClick={() => onMove(m)}
            data-testid={`move-${m.to}`}
            data-blocked={blocked ? 'true' : undefined}
            rightSection={m.key ? <Kbd size="xs">{m.key}</Kbd> : undefined}
          >
            {t(moveLabelKey(from, m.to), { status: t(`status.${m.to}`) })}
          </Button>
        );
        return blocked ? (
          <Tooltip key={m.to} label={t(blocked)}>
            {button}
          </Tooltip>
        ) : (
          <span key={m.to}>{button}</span>
        );
      })}
    </Group>
  );
}
