import { Badge, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DailyReport } from '../../../main/api/contract';
import { fmtDateTime, fmtMoney } from '../common/format';
import { Stat } from './Stat';
import { TakingsTable } from './TakingsTable';
import { Empty } from './DailyTables';

function Rows({ cols, children }: { cols: number; children: React.ReactNode[] }) {
  return children.length ? <>{children}</> : <Empty cols={cols} />;
}

const Head = ({ cells }: { cells: Array<[string, boolean?]> }) => (
  <Table.Thead>
    <Table.Tr>
      {cells.map(([label, right]) => (
        <Table.Th key={label} ta={right ? 'right' : undefined}>
          {label}
        </Table.Th>
      ))}
    </Table.Tr>
  </Table.Thead>
);

interface InvoiceEntry {
  invoice: string;
  ticket: string;
  cents: number;
  reason: string | null;
}

/** Refunds and discounts read the same: which invoice, how much, why, and who approved it. */
function InvoiceEntries<R extends InvoiceEntry>(props: {
  title: string;
  rows: R[];
  approver(row: R): string;
  testId: string;
}) {
  const { t } = useTranslation();
  const d = (k: string) => t(`reports.daily.${k}`);
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {props.title}
      </Text>
      <Table striped withTableBorder data-testid={props.testId}>
        <Head
          cells={[
            [d('invoice')],
            [d('ticket')],
            [d('amount'), true],
            [d('reason')],
            [d('approvedBy')],
          ]}
        />
        <Table.Tbody>
          <Rows cols={5}>
            {props.rows.map((r) => (
              <Table.Tr key={r.invoice}>
                <Table.Td>{r.invoice}</Table.Td>
                <Table.Td>{r.ticket}</Table.Td>
                <Table.Td ta="right">{fmtMoney(r.cents)}</Table.Td>
                <Table.Td>{r.reason}</Table.Td>
                <Table.Td>{props.approver(r)}</Table.Td>
              </Table.Tr>
            ))}
          </Rows>
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Takings, deposits, refunds and discounts (with who approved). */
export function MoneySection({ p }: { p: DailyReport['payments'] }) {
  const { t } = useTranslation();
  const d = (k: string) => t(`reports.daily.${k}`);
  return (
    <>
      <Title order={5}>{d('money')}</Title>
      <SimpleGrid cols={4} spacing="sm">
        <Stat label={d('takenIn')} value={fmtMoney(p.inCents)} testId="stat-taken" />
        <Stat label={d('paidOut')} value={fmtMoney(p.outCents)} />
        <Stat label={d('net')} value={fmtMoney(p.netCents)} testId="stat-net" />
        <Stat
          label={d('deposits')}
          value={`${fmtMoney(p.deposits.cents)} (${p.deposits.count})`}
          testId="stat-deposits"
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed" data-testid="daily-close-state">
        {p.closed
          ? t('reports.daily.dayClosed', {
              name: p.closed.closedBy,
              counted: fmtMoney(p.closed.countedCents),
              variance: fmtMoney(p.closed.varianceCents),
            })
          : d('dayOpen')}
      </Text>
      <TakingsTable rows={p.takings} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <InvoiceEntries
          title={`${d('refunds')}: ${fmtMoney(p.refundsCents)}`}
          rows={p.refunds}
          approver={(r) => r.approvedBy ?? '–'}
          testId="daily-refunds"
        />
        <InvoiceEntries
          title={`${d('discounts')}: ${fmtMoney(p.discountsCents)}`}
          rows={p.discounts}
          approver={(x) => x.approvedBy ?? t('reports.daily.withinLimit', { name: x.givenBy })}
          testId="daily-discounts"
        />
      </SimpleGrid>
    </>
  );
}

/** Parts fitted that day with cost, charged price and margin. */
export function PartsSection({ x }: { x: DailyReport['parts'] }) {
  const { t } = useTranslation();
  const d = (k: string) => t(`reports.daily.${k}`);
  return (
    <>
      <Title order={5}>{d('parts')}</Title>
      <Table striped withTableBorder data-testid="daily-parts">
        <Head
          cells={[
            [d('sku')],
            [d('part')],
            [d('qty'), true],
            [d('cost'), true],
            [d('price'), true],
            [d('margin'), true],
          ]}
        />
        <Table.Tbody>
          <Rows cols={6}>
            {x.rows.map((r) => (
              <Table.Tr key={r.sku}>
                <Table.Td>{r.sku}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ta="right">{r.qty}</Table.Td>
                <Table.Td ta="right">{fmtMoney(r.costCents)}</Table.Td>
                <Table.Td ta="right">{fmtMoney(r.priceCents)}</Table.Td>
                <Table.Td ta="right">{fmtMoney(r.marginCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Rows>
        </Table.Tbody>
        {x.rows.length > 0 && (
          <Table.Tfoot>
            <Table.Tr fw={600}>
              <Table.Td colSpan={2}>{d('total')}</Table.Td>
              <Table.Td ta="right">{x.qty}</Table.Td>
              <Table.Td ta="right">{fmtMoney(x.costCents)}</Table.Td>
              <Table.Td ta="right">{fmtMoney(x.priceCents)}</Table.Td>
              <Table.Td ta="right" data-testid="parts-margin">
                {fmtMoney(x.marginCents)}
                {x.marginPct !== null && ` (${x.marginPct.toFixed(1)} %)`}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </>
  );
}

/** Callbacks due and done, unhappy customers, manager tasks open at the end of the day. */
export function FollowupSection({ f }: { f: DailyReport['followup'] }) {
  const { t } = useTranslation();
  const d = (k: string) => t(`reports.daily.${k}`);
  return (
    <>
      <Title order={5}>{d('followup')}</Title>
      <SimpleGrid cols={4} spacing="sm">
        <Stat label={d('callbacksDue')} value={f.callbacksDue} testId="stat-callbacks-due" />
        <Stat label={d('callbacksDone')} value={f.callbacksDone} testId="stat-callbacks-done" />
        <Stat
          label={d('unhappy')}
          value={f.unhappy.length}
          color={f.unhappy.length ? 'red.7' : undefined}
        />
        <Stat label={d('openTasks')} value={f.openTasks.length} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Table striped withTableBorder data-testid="daily-unhappy">
          <Head
            cells={[
              [d('ticket')],
              [d('customer')],
              [d('satisfaction')],
              ['NPS', true],
              [d('comments')],
            ]}
          />
          <Table.Tbody>
            <Rows cols={5}>
              {f.unhappy.map((u) => (
                <Table.Tr key={u.ticket}>
                  <Table.Td>{u.ticket}</Table.Td>
                  <Table.Td>{u.customer}</Table.Td>
                  <Table.Td>
                    <Badge color="red" variant="light" radius="sm">
                      {t(`reports.daily.satisfactionLevels.${u.satisfaction}`, {
                        defaultValue: u.satisfaction,
                      })}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{u.nps ?? '–'}</Table.Td>
                  <Table.Td>{u.comments}</Table.Td>
                </Table.Tr>
              ))}
            </Rows>
          </Table.Tbody>
        </Table>
        <Table striped withTableBorder data-testid="daily-tasks">
          <Head cells={[[d('ticket')], [d('customer')], [d('task')], [d('due')]]} />
          <Table.Tbody>
            <Rows cols={4}>
              {f.openTasks.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.ticket ?? '–'}</Table.Td>
                  <Table.Td>{m.customer}</Table.Td>
                  <Table.Td>{m.summary}</Table.Td>
                  <Table.Td c={m.overdue ? 'red.7' : undefined}>{fmtDateTime(m.dueAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Rows>
          </Table.Tbody>
        </Table>
      </SimpleGrid>
      {f.callbacksOpen.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="daily-callbacks-open">
          {d('callbacksOpen')}:{' '}
          {f.callbacksOpen
            .map((c) => `${c.ticket} ${c.customer} (${fmtDateTime(c.dueAt)})`)
            .join(' · ')}
        </Text>
      )}
    </>
  );
}
