import { useState } from 'react';
import { Badge, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { CountTab } from './CountTab';
import { ImportExportTab } from './ImportExportTab';
import { LowStockTab, useLowStock } from './LowStockTab';
import { OrdersTab } from './OrdersTab';
import { PartDrawer } from './PartDrawer';
import { PartsList } from './PartsList';
import { ReceiveTab } from './ReceiveTab';
import { SuppliersTab } from './SuppliersTab';

/**
 * Spare parts: catalogue, goods receipt, purchase orders, low stock (with its badge), counts,
 * suppliers, and CSV import/export (managers).
 */
export function InventoryPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [partId, setPartId] = useState<number | null>(null);
  const low = useLowStock();
  const lowCount = low.data?.length ?? 0;
  return (
    <>
      <Tabs defaultValue="parts" keepMounted={false} data-testid="inventory-page">
        <Tabs.List mb="sm">
          <Tabs.Tab value="parts" data-testid="inv-tab-parts">
            {t('inventory.tabs.parts')}
          </Tabs.Tab>
          {/* Goods receipt moves stock: offered only to roles that may (stock.move). */}
          {can('stock.move') && (
            <Tabs.Tab value="receive" data-testid="inv-tab-receive">
              {t('inventory.tabs.receive')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="orders" data-testid="inv-tab-orders">
            {t('inventory.tabs.orders')}
          </Tabs.Tab>
          <Tabs.Tab
            value="low"
            data-testid="inv-tab-low"
            rightSection={
              lowCount > 0 && (
                <Badge size="sm" color="orange" circle={lowCount < 10} data-testid="low-badge">
                  {lowCount}
                </Badge>
              )
            }
          >
            {t('inventory.tabs.low')}
          </Tabs.Tab>
          <Tabs.Tab value="count" data-testid="inv-tab-count">
            {t('inventory.tabs.count')}
          </Tabs.Tab>
          <Tabs.Tab value="suppliers" data-testid="inv-tab-suppliers">
            {t('inventory.suppliers.tab')}
          </Tabs.Tab>
          {can('stock.manage') && (
            <Tabs.Tab value="io" data-testid="inv-tab-io">
              {t('inventory.io.tab')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="parts">
          <PartsList onOpen={setPartId} />
        </Tabs.Panel>
        {can('stock.move') && (
          <Tabs.Panel value="receive">
            <ReceiveTab />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="orders">
          <OrdersTab />
        </Tabs.Panel>
        <Tabs.Panel value="low">
          <LowStockTab onOpen={setPartId} />
        </Tabs.Panel>
        <Tabs.Panel value="count">
          <CountTab />
        </Tabs.Panel>
        <Tabs.Panel value="suppliers">
          <SuppliersTab />
        </Tabs.Panel>
        {can('stock.manage') && (
          <Tabs.Panel value="io">
            <ImportExportTab />
          </Tabs.Panel>
        )}
      </Tabs>
      <PartDrawer id={partId} onClose={() => setPartId(null)} />
    </>
  );
}
