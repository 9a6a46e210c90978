import { useRef, useState } from 'react';
import { Button, Group, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PartRow } from '../../../../main/api/contract';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import { useInvCall } from '../../inventory/inventoryApi';
import { useScanClaim } from '../../scan/scanBus';
import { looksLikeTicketNumber } from '../../scan/ticketCode';

const DOUBLE_READ_MS = 1500;
const labelOf = (p: PartRow) => `${p.sku} · ${p.name} (${p.available})`;

/**
 * Find a part that fits the device and reserve it: type, pick (mouse or arrows + Enter), then
 * Reserve (or Enter again). A part's barcode, scanned anywhere in the drawer or typed into the
 * search and ended with Enter, reserves that part at once.
 *
 * The search term is kept apart from the text the Select shows: on a pick the Select writes the
 * option's label into its search text, and searching for that label found nothing, which threw
 * the pick away (issue 11, blocker 1). The picked part is kept whole for the same reason.
 */
export function PartPicker({ ticketId, model }: { ticketId: number; model: string | undefined }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [term, setTerm] = useState('');
  const [debounced] = useDebouncedValue(term, 200);
  const [chosen, setChosen] = useState<PartRow | null>(null);
  const found = useQuery({
    queryKey: ['inventory', 'fits', model ?? '', debounced],
    queryFn: () => call('parts.search', { q: debounced, model, limit: 20 }),
  });
  const reserve = useInvCall('ticketParts.reserve');
  const options = found.data ?? [];
  const data = [
    ...options,
    ...(chosen && !options.some((p) => p.id === chosen.id) ? [chosen] : []),
  ];

  const reservePart = (part: PartRow) =>
    reserve
      .run({ ticketId, partId: part.id, waitIfShort: part.available < 1 })
      .then(() => {
        setChosen(null);
        setText('');
        setTerm('');
        notifications.show({
          color: part.available < 1 ? 'orange' : 'teal',
          message: t(part.available < 1 ? 'benchParts.waiting' : 'benchParts.reserved', {
            name: part.name,
          }),
        });
      })
      .catch(() => undefined); // notified by useInvCall

  /** A code from a scanner (or typed + Enter): the part with that barcode or SKU. Scanners
   * double-read; the same code again within a moment is that, not a second part. */
  const lastCode = useRef<{ code: string; at: number } | null>(null);
  const reserveCode = (code: string) => {
    const now = Date.now();
    if (lastCode.current?.code === code && now - lastCode.current.at < DOUBLE_READ_MS) return;
    lastCode.current = { code, at: now };
    return call('parts.byBarcode', { code })
      .then(reservePart)
      .catch((err: unknown) =>
        notifications.show({ color: 'orange', message: errorText(t, err), withBorder: true }),
      );
  };

  // Ticket tags pass on: scanning another ticket's tag opens that ticket, as everywhere.
  useScanClaim((code) => {
    if (looksLikeTicketNumber(code)) return false;
    void reserveCode(code);
  });

  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <Select
        placeholder={model ? t('parts.fits', { model }) : t('inventory.search')}
        aria-label={model ? t('parts.fits', { model }) : t('inventory.search')}
        searchable
        clearable
        searchValue={text}
        onSearchChange={(v) => {
          setText(v);
          // The Select writes the picked option's label here; that is not a new search.
          if (!chosen || v !== labelOf(chosen)) setTerm(v);
        }}
        filter={({ options: o }) => o}
        nothingFoundMessage={found.isFetching ? t('app.loading') : t('benchParts.noneFound')}
        data={data.map((p) => ({ value: String(p.id), label: labelOf(p) }))}
        value={chosen ? String(chosen.id) : null}
        onChange={(v) => setChosen(data.find((p) => String(p.id) === v) ?? null)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
          const input = e.currentTarget;
          // With an option highlighted in the open list, Enter picks it (the Combobox does that).
          if (input.getAttribute('aria-activedescendant')) return;
          e.preventDefault();
          if (chosen && text === labelOf(chosen)) void reservePart(chosen);
          else if (text.trim()) void reserveCode(text.trim());
        }}
        style={{ flex: 1 }}
        size="xs"
        data-testid="parts-search-ticket"
      />
      <Button
        size="xs"
        disabled={!chosen}
        loading={reserve.isPending}
        onClick={() => chosen && void reservePart(chosen)}
        data-testid="parts-reserve"
      >
        {chosen && chosen.available < 1 ? t('parts.waitIfShort') : t('parts.reserve')}
      </Button>
    </Group>
  );
}
