import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WarrantyStatus } from '../../../main/api/contract';
import { fmtDate } from '../common/format';

const COLORS: Record<WarrantyStatus, string> = {
  in_warranty: 'green',
  expired: 'gray',
  no_proof: 'yellow',
  excluded: 'orange',
  unknown: 'gray',
};

export function warrantyText(t: (k: string, o?: Record<string, unknown>) => string, w: WarrantyStatus, until: string | null) {
  if (w === 'in_warranty') return until ? t('warranty.in_warranty', { date: fmtDate(until) }) : t('warranty.in_warranty_plain');
  if (w === 'expired') return until ? t('warranty.expired', { date: fmtDate(until) }) : t('warranty.expired_plain');
  return t(`warranty.${w}`);
}

export function WarrantyBadge({ warranty, until, size = 'md' }: { warranty: WarrantyStatus; until: string | null; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[warranty]} variant="light" size={size} data-testid="warranty-badge">
      {warrantyText(t, warranty, until)}
    </Badge>
  );
}
