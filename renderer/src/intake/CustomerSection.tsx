import { useEffect, useState, type RefObject } from 'react';
import { Badge, Button, Checkbox, Group, Kbd, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPhone, IconSearch, IconUser, IconUserPlus, IconX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustomerDto } from '../../../main/api/contract';
import { CHANNELS } from '../../../main/api/schemas/common';
import { call } from '../api/client';
import { CustomerMessaging, usePreferenceData } from '../messages/CustomerMessaging';
import { fmtRelative } from '../common/format';
import { minQueryLength } from '../shell/GlobalSearch';
import { FIELD } from './enterAdvance';
import type { IntakeValues } from './intakeForm';
import classes from './Intake.module.css';

interface Props {
  form: UseFormReturnType<IntakeValues>;
  lookupRef: RefObject<HTMLInputElement | null>;
  customer: CustomerDto | null;
  onPick(id: number): void;
  onNew(): void;
  onClear(): void;
}

export function CustomerSection({ form, lookupRef, customer, onPick, onNew, onClear }: Props) {
  const { t } = useTranslation();
  const [lookup, setLookup] = useState('');
  const [active, setActive] = useState(0);
  const [q] = useDebouncedValue(lookup.trim(), 150);
  const mode = form.values.customerMode;
  const preferences = usePreferenceData();
  const results = useQuery({
    queryKey: ['customers', 'search', q],
    queryFn: () => call('customers.search', { q, limit: 8 }),
    enabled: mode === 'search' && q.length >= minQueryLength(q),
    placeholderData: keepPreviousData,
  });
  const long = q.length >= minQueryLength(q);
  const rows = long ? (results.data ?? []) : [];
  useEffect(() => setActive(0), [q]);
  useEffect(() => {
    if (mode === 'search') setLookup('');
  }, [mode]);

  const startNew = () => {
    // Carry what was typed into the lookup over: digits are a phone, anything else a name.
    const typed = lookup.trim();
    if (typed && mode === 'search') {
      if (/^[+\d\s\-()]+$/.test(typed)) form.setFieldValue('customer.phone', typed);
      else form.setFieldValue('customer.name', typed);
    }
    onNew();
  };

  if (mode === 'existing' && customer) {
    return (
      <Paper withBorder p="sm" radius="sm" className={classes.chosen} data-testid="customer-chosen">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <IconUser size={20} />
            <div>
              <Text fw={600} data-testid="customer-chosen-name">
                {customer.name}
              </Text>
              <Group gap={6}>
                <IconPhone size={12} />
                <Text size="sm" c="dimmed">
                  {customer.phone}
                  {customer.email ? ` · ${customer.email}` : ''}
                </Text>
              </Group>
              <CustomerMessaging customerId={customer.id} />
            </div>
          </Group>
          <Button variant="subtle" size="xs" leftSection={<IconX size={14} />} onClick={onClear} data-testid="customer-change">
            {t('intake.changeCustomer')}
          </Button>
        </Group>
      </Paper>
    );
  }

  if (mode === 'new') {
    return (
      <Stack gap="xs" data-testid="new-customer">
        <Group justify="space-between">
          <Badge variant="light" leftSection={<IconUserPlus size={12} />}>
            {t('intake.newCustomer')}
          </Badge>
          <Button variant="subtle" size="xs" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('app.cancel')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label={t('intake.name')}
            withAsterisk
            {...FIELD}
            data-testid="customer-name"
            {...form.getInputProps('customer.name')}
          />
          <TextInput
            label={t('intake.phone')}
            withAsterisk
            inputMode="tel"
            {...FIELD}
            data-testid="customer-phone"
            {...form.getInputProps('customer.phone')}
          />
          <TextInput
            label={t('intake.email')}
            type="email"
            {...FIELD}
            data-testid="customer-email"
            {...form.getInputProps('customer.email')}
          />
          <Select
            label={t('intake.channel')}
            allowDeselect={false}
            data={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            {...FIELD}
            data-testid="customer-channel"
            {...form.getInputProps('customer.channel')}
          />
        </SimpleGrid>
        <Group gap="md">
          <Checkbox
            label={t('consent.agree')}
            {...form.getInputProps('messaging.consent', { type: 'checkbox' })}
            data-testid="new-customer-consent"
          />
          <Select
            size="xs"
            w={190}
            aria-label={t('consent.channel')}
            allowDeselect={false}
            disabled={!form.values.messaging?.consent}
            data={preferences}
            {...form.getInputProps('messaging.preference')}
            data-testid="new-customer-preference"
          />
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          ref={lookupRef}
          style={{ flex: 1 }}
          label={t('intake.lookup')}
          placeholder={t('intake.lookupPlaceholder')}
          leftSection={results.isFetching ? <Loader size={14} /> : <IconSearch size={16} />}
          value={lookup}
          onChange={(e) => setLookup(e.currentTarget.value)}
          autoComplete="off"
          data-testid="customer-lookup"
          error={form.errors['customer'] ? t('intake.pickCustomerFirst') : undefined}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, rows.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && !e.ctrlKey) {
              e.preventDefault();
              const row = rows[active];
              if (row) onPick(row.id);
            }
          }}
        />
        <Button variant="light" leftSection={<IconUserPlus size={16} />} onClick={startNew} data-testid="customer-new">
          {t('intake.newCustomer')}
          <Kbd size="xs" ml={8}>
            Alt+N
          </Kbd>
        </Button>
      </Group>
      {long && results.data && (
        <Paper withBorder radius="sm" className={classes.results} data-testid="customer-results">
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              {t('intake.noMatches')}
            </Text>
          ) : (
            rows.map((c, i) => (
              <UnstyledButton
                key={c.id}
                className={classes.result}
                data-active={i === active || undefined}
                onMouseEnter={() => setActive(i)}
                onClick={() => onPick(c.id)}
                tabIndex={-1}
                data-testid={`customer-result-${i}`}
              >
                <Group justify="space-between" wrap="nowrap">
                  <div>
                    <Text size="sm" fw={600}>
                      {c.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {c.phone}
                      {c.email ? ` · ${c.email}` : ''}
                    </Text>
                  </div>
                  <Text size="xs" c="dimmed" ta="right">
                    {t('intake.visits', { count: c.ticketCount })}
                    {c.lastVisitAt ? ` · ${t('intake.lastVisit', { when: fmtRelative(c.lastVisitAt) })}` : ''}
                  </Text>
                </Group>
              </UnstyledButton>
            ))
          )}
        </Paper>
      )}
      {!long && (
        <Text size="xs" c="dimmed">
          {t('intake.lookupHint')}
        </Text>
      )}
    </Stack>
  );
}
