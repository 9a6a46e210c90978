import { useState } from 'react';
import { Tabs } from '@mantine/core';
import { IconBook2, IconChartLine, IconFileExport, IconReport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { KnowledgeBase } from '../knowledge/KnowledgeBase';
import { Dashboard } from './Dashboard';
import { DailyReportView } from './DailyReportView';
import { ExportPanel } from './ExportPanel';

type Tab = 'daily' | 'dashboard' | 'knowledge' | 'export';

/** Reports for managers; the knowledge base for everyone who may read it. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const tabs: Tab[] = [
    ...(can('report.read') ? (['daily', 'dashboard'] as Tab[]) : []),
    ...(can('kb.read') ? (['knowledge'] as Tab[]) : []),
    ...(can('data.export') ? (['export'] as Tab[]) : []),
  ];
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'knowledge');
  const icons = {
    daily: IconReport,
    dashboard: IconChartLine,
    knowledge: IconBook2,
    export: IconFileExport,
  };
  return (
    <Tabs
      value={tab}
      onChange={(v) => v && setTab(v as Tab)}
      keepMounted={false}
      data-testid="reports-page"
    >
      <Tabs.List mb="md" data-noprint>
        {tabs.map((k) => {
          const Icon = icons[k];
          return (
            <Tabs.Tab
              key={k}
              value={k}
              leftSection={<Icon size={16} />}
              data-testid={`reports-tab-${k}`}
            >
              {t(`reports.tabs.${k}`)}
            </Tabs.Tab>
          );
        })}
      </Tabs.List>
      <Tabs.Panel value="daily">
        <DailyReportView />
      </Tabs.Panel>
      <Tabs.Panel value="dashboard">
        <Dashboard />
      </Tabs.Panel>
      <Tabs.Panel value="knowledge">
        <KnowledgeBase />
      </Tabs.Panel>
      <Tabs.Panel value="export">
        <ExportPanel />
      </Tabs.Panel>
    </Tabs>
  );
}
