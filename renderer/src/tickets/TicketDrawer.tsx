import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconTool } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../main/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/errors';
import { PRIORITY_COLORS, STATUS_COLORS, fmtDateTime, fmtMoney } from '../common/format';
import { PrintJobCard } from '../print/PrintPreview';
import { useNav } from '../shell/nav';
import { WarrantyBadge } from './badges';
import { Passcode } from './Passcode';
import { TimelineList } from './TimelineList';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Detail({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="summary" keepMounted={false}>
      <Tabs.List mb="sm">
        <Tabs.Tab value="summary" data-testid="ticket-tab-summary">
          {t('ticket.summary')}
        </Tabs.Tab>
        <Tabs.Tab value="timeline" data-testid="ticket-tab-timeline">
          {t('ticket.timeline')}
        </Tabs.Tab>
        <Tabs.Tab value="print" data-testid="ticket-tab-print">
          {t('ticket.printJobs')} ({ticket.printJobs.length})
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="summary">
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={STATUS_COLORS[ticket.status] ?? 'gray'} data-testid="ticket-status">
              {t(`status.${ticket.status}`)}
            </Badge>
            <Badge variant="light" color={PRIORITY_COLORS[ticket.priority]}>
              {t(`priority.${ticket.priority}`)}
            </Badge>
            <Badge variant="outline" color="gray">
              {t(`category.${ticket.category}`)}
            </Badge>
            <Badge variant="outline" color="gray">
              {t(`serviceMode.${ticket.serviceMode}`)}
            </Badge>
            <WarrantyBadge warranty={ticket.warranty} until={ticket.warrantyUntil} />
            {ticket.repeatOf && (
              <Badge color="red" variant="filled">
                {t('warranty.repeat', { number: ticket.repeatOf.number })}
              </Badge>
            )}
          </Group>
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            <Field label={t('ticket.customer')}>
              {ticket.customer.name} · {ticket.customer.phone}
            </Field>
            <Field label={t('ticket.device')}>
              {t(`deviceType.${ticket.device.type}`)} · {ticket.deviceLabel}
              {ticket.device.imei ? ` · IMEI ${ticket.device.imei}` : ''}
              {ticket.device.serial ? ` · S/N ${ticket.device.serial}` : ''}
            </Field>
            <Field label={t('ticket.received')}>{fmtDateTime(ticket.receivedAt)}</Field>
            <Field label={t('ticket.promised')}>{fmtDateTime(ticket.promisedAt)}</Field>
            <Field label={t('ticket.estimate')}>{fmtMoney(ticket.estimateCents)}</Field>
            <Field label={t('ticket.deposit')}>{fmtMoney(ticket.depositCents)}</Field>
            <Field label={t('ticket.accessories')}>
              {ticket.accessories.length
                ? ticket.accessories.map((a) => t(`accessory.${a}`)).join('、')
                : t('app.none')}
            </Field>
            <Field label={t('ticket.createdBy')}>{ticket.createdByName}</Field>
          </SimpleGrid>
          <Field label={t('ticket.problem')}>{ticket.problem}</Field>
          {ticket.conditionNotes && (
            <Field label={t('ticket.condition')}>{ticket.conditionNotes}</Field>
          )}
          <Field label={t('ticket.passcode')}>
            <Passcode ticket={ticket} />
          </Field>
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="timeline">
        <TimelineList events={ticket.timeline} ticketId={ticket.id} />
      </Tabs.Panel>
      <Tabs.Panel value="print">
        {ticket.printJobs.length === 0 ? (
          <Text c="dimmed">{t('ticket.noPrintJobs')}</Text>
        ) : (
          <Stack>
            {ticket.printJobs.map((j) => (
              <PrintJobCard key={j.id} job={j} />
            ))}
          </Stack>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}

export function TicketDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const { t } = useTranslation();
  const nav = useNav();
  const q = useQuery({
    queryKey: ['tickets', 'detail', id],
    queryFn: () => call('tickets.get', { id: id! }),
    enabled: id !== null,
  });
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={
        <Group gap="sm">
          <Title order={4}>
            {q.data ? t('ticket.title', { number: q.data.number }) : t('app.loading')}
          </Title>
          {id !== null && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconTool size={14} />}
              onClick={() => nav.openBench(id)}
              data-testid="open-on-bench"
            >
              {t('ticket.openOnBench')}
            </Button>
          )}
        </Group>
      }
      data-testid="ticket-drawer"
    >
      {q.isLoading && <Loader size="sm" />}
      {q.isError && (
        <Alert color="red" icon={<IconAlertCircle size={16} />}>
          {errorText(t, q.error)}
        </Alert>
      )}
      {q.data && <Detail ticket={q.data} />}
    </Drawer>
  );
}
