import { Alert, Paper, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { ChannelsPanel } from './ChannelsPanel';
import { RulesPanel } from './RulesPanel';
import { TemplatesPanel } from './TemplatesPanel';

/** Settings → Messages: how messages go out (channels), when (rules) and what they say. */
export function MessagesSettings() {
  const { t } = useTranslation();
  const { can } = useSession();
  const editable = can('settings.write');
  return (
    <Paper withBorder p="md" radius="sm" data-testid="messages-settings">
      <Title order={4} mb="sm">
        {t('msgSettings.title')}
      </Title>
      {!editable && (
        <Alert color="gray" mb="sm" py="xs">
          {t('msgSettings.adminOnly')}
        </Alert>
      )}
      <Tabs defaultValue="channels" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="channels" data-testid="msgset-tab-channels">
            {t('msgSettings.tabs.channels')}
          </Tabs.Tab>
          <Tabs.Tab value="rules" data-testid="msgset-tab-rules">
            {t('msgSettings.tabs.rules')}
          </Tabs.Tab>
          <Tabs.Tab value="templates" data-testid="msgset-tab-templates">
            {t('msgSettings.tabs.templates')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="channels">
          <ChannelsPanel editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <RulesPanel editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="templates">
          <TemplatesPanel editable={editable} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
