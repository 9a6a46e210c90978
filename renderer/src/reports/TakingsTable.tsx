import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TakingsRow } from '../../../main/api/contract';
import { fmtMoney } from '../common/format';

/** Money in and out per payment method (day close and daily report). */
export function TakingsTable({ rows }: { rows: TakingsRow[] }) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder data-testid="close-takings">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.close.method')}</Table.Th>
          <Table.Th ta="right">{t('reports.close.in')}</Table.Th>
          <Table.Th ta="right">{t('reports.close.out')}</Table.Th>
          <Table.Th ta="right">{t('reports.close.net')}</Table.Th>
          <Table.Th ta="right">{t('reports.close.payments')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={5}>
              <Text size="sm" c="dimmed">
                {t('reports.daily.none')}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {rows.map((r) => (
          <Table.Tr key={r.method}>
            <Table.Td>{t(`pickup.methods.${r.method}`, { defaultValue: r.method })}</Table.Td>
            <Table.Td ta="right">{fmtMoney(r.inCents)}</Table.Td>
            <Table.Td ta="right">{fmtMoney(r.outCents)}</Table.Td>
            <Table.Td ta="right">{fmtMoney(r.netCents)}</Table.Td>
            <Table.Td ta="right">{r.payments}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
