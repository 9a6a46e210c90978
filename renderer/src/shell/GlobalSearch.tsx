import { useState } from 'react';
import { Badge, Group, Loader, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDeviceMobile, IconSearch, IconTicket, IconUser } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { STATUS_COLORS } from '../common/format';
import { useNav } from './nav';

/** One Chinese character is a meaningful query (a surname); Latin text and digits need two. */
export const minQueryLength = (q: string) => ([...q].some((ch) => ch.charCodeAt(0) > 0x7f) ? 1 : 2);

/** Ctrl+K or "/": tickets, customers and devices from `search.global`. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const nav = useNav();
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 150);
  const long = q.length >= minQueryLength(q);
  const res = useQuery({
    queryKey: ['search', q],
    queryFn: () => call('search.global', { q }),
    enabled: long,
    placeholderData: keepPreviousData,
  });
  const data = long ? res.data : undefined;
  const empty = data && !data.tickets.length && !data.customers.length && !data.devices.length;

  return (
    <Spotlight.Root
      query={query}
      onQueryChange={setQuery}
      shortcut="/"
      scrollable
      maxHeight={480}
      size="lg"
    >
      <Spotlight.Search
        placeholder={t('spotlight.placeholder')}
        leftSection={res.isFetching ? <Loader size={16} /> : <IconSearch size={18} />}
        data-testid="spotlight-input"
      />
      <Spotlight.ActionsList data-testid="spotlight-results">
        {!long && <Spotlight.Empty>{t('spotlight.typeMore')}</Spotlight.Empty>}
        {empty && <Spotlight.Empty>{t('spotlight.nothing')}</Spotlight.Empty>}
        {data && data.tickets.length > 0 && (
          <Spotlight.ActionsGroup label={t('spotlight.tickets')}>
            {data.tickets.map((tk) => (
              <Spotlight.Action
                key={`t${tk.id}`}
                onClick={() => nav.openTicket(tk.id)}
                leftSection={<IconTicket size={18} />}
                data-testid={`spotlight-ticket-${tk.number}`}
              >
                <Group justify="space-between" wrap="nowrap" w="100%">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {tk.number} · {tk.customerName}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {tk.deviceLabel} · {tk.problem}
                    </Text>
                  </div>
                  <Badge size="sm" color={STATUS_COLORS[tk.status] ?? 'gray'}>
                    {t(`status.${tk.status}`)}
                  </Badge>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        )}
        {data && data.customers.length > 0 && (
          <Spotlight.ActionsGroup label={t('spotlight.customers')}>
            {data.customers.map((c) => (
              <Spotlight.Action
                key={`c${c.id}`}
                onClick={() => nav.intakeForCustomer(c.id)}
                leftSection={<IconUser size={18} />}
                label={c.name}
                description={`${c.phone} · ${t('intake.visits', { count: c.ticketCount })}`}
                data-testid={`spotlight-customer-${c.id}`}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
        {data && data.devices.length > 0 && (
          <Spotlight.ActionsGroup label={t('spotlight.devices')}>
            {data.devices.map((d) => (
              <Spotlight.Action
                key={`d${d.id}`}
                onClick={() => nav.intakeForCustomer(d.customerId)}
                leftSection={<IconDeviceMobile size={18} />}
                label={`${d.brand} ${d.model}`}
                description={[d.customerName, d.imei, d.serial].filter(Boolean).join(' · ')}
              />
            ))}
          </Spotlight.ActionsGroup>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
