import { SimpleGrid, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DailyReport } from '../../../main/api/contract';
import { Stat } from './Stat';

/** The day's customer messages per channel (issue 16): what left, what failed, what is unsure. */
export function MessagesBlock({ m }: { m: DailyReport['messages'] }) {
  const { t } = useTranslation();
  const o = (k: string) => t(`outboxReport.${k}`);
  return (
    <>
      <Title order={5}>{o('title')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Table striped withTableBorder data-testid="daily-messages">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{o('channel')}</Table.Th>
              <Table.Th ta="right">{o('sent')}</Table.Th>
              <Table.Th ta="right">{o('failed')}</Table.Th>
              <Table.Th ta="right">{o('uncertain')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.byChannel.map((r) => (
              <Table.Tr key={r.channel} data-testid={`daily-messages-${r.channel}`}>
                <Table.Td>{o(`channels.${r.channel}`)}</Table.Td>
                <Table.Td ta="right">{r.sent}</Table.Td>
                <Table.Td ta="right" c={r.failed ? 'red.7' : undefined}>
                  {r.failed}
                </Table.Td>
                <Table.Td ta="right" c={r.uncertain ? 'orange.7' : undefined}>
                  {r.uncertain}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Stat label={o('queuedAtEnd')} value={m.queuedAtEnd} testId="stat-messages-queued" />
      </SimpleGrid>
    </>
  );
}
