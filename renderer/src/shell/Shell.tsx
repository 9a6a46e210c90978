import { useCallback, useMemo, useRef, useState } from 'react';
import { AppShell, Button, Group, Kbd, Loader, NavLink, Text, UnstyledButton } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import {
  IconBox,
  IconChartBar,
  IconClipboardPlus,
  IconHandGrab,
  IconKey,
  IconLogout,
  IconMessage2,
  IconSearch,
  IconSettings,
  IconTool,
} from '@tabler/icons-react';
import { useHotkeys } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { LanguageSwitch, ThemeToggle } from '../common/Toggles';
import { IntakePage } from '../intake/IntakePage';
import { BenchPage } from '../bench/BenchPage';
import { InventoryPage } from '../inventory/InventoryPage';
import { PickupPage } from '../pickup/PickupPage';
import { SettingsPage } from '../settings/SettingsPage';
import { ReportsPage } from '../reports/ReportsPage';
import { MessagesPage } from '../messages/MessagesPage';
import { TicketDrawer } from '../tickets/TicketDrawer';
import { BenchDrawer } from '../bench/detail/BenchDrawer';
import { useScanToOpen } from '../scan/useScanToOpen';
import { GlobalSearch } from './GlobalSearch';
import { NavContext, SCREENS, type NavValue, type Screen } from './nav';
import { firstScreen, screensFor } from './screens';
import { ShopSetup, useNeedsShopSetup } from '../setup/ShopSetup';
import { PrintQueueButton } from '../devices/PrintQueue';
import { useBackendEvents } from './events';
import { LiveGuard } from '../live/LiveBanner';
import { ChangeMyPin } from '../auth/ChangeMyPin';

const ICONS: Record<Screen, typeof IconTool> = {
  intake: IconClipboardPlus,
  bench: IconTool,
  inventory: IconBox,
  pickup: IconHandGrab,
  reports: IconChartBar,
  settings: IconSettings,
  messages: IconMessage2,
};

export function Shell() {
  const { t } = useTranslation();
  const { staff, signOut, can } = useSession();
  // Only what the role may use is offered; the role's own screen comes first.
  const allowed = useMemo(() => screensFor(can), [can]);
  const [screen, setScreenRaw] = useState<Screen>(() => firstScreen(staff?.role ?? '', can));
  // The first-run step for an admin on a shop without its details; any screen leaves it.
  const needsSetup = useNeedsShopSetup();
  const [setupOpen, setSetupOpen] = useState(true);
  const showSetup = needsSetup !== false && setupOpen;
  const setScreen = useCallback(
    (s: Screen) => {
      if (!allowed.includes(s)) return;
      setSetupOpen(false);
      setScreenRaw(s);
    },
    [allowed],
  );
  const [ticketId, setTicketId] = useState<number | null>(null);
  const [pendingCustomerId, setPending] = useState<number | null>(null);
  const pendingRef = useRef<number | null>(null);

  const [benchId, setBenchId] = useState<number | null>(null);
  const openTicket = useCallback((id: number) => setTicketId(id), []);
  const openBench = useCallback((id: number) => {
    setTicketId(null);
    setBenchId(id);
  }, []);
  const navigateTo = useCallback(
    (to: string) => {
      const target = SCREENS.find((s) => `/${s}` === to);
      if (target) setScreen(target);
    },
    [setScreen],
  );
  useBackendEvents(openTicket, navigateTo);
  useScanToOpen(openBench);
  // Ctrl+K works from inside inputs too (Spotlight's own shortcut skips them).
  // Ctrl+1…6 mirror the Electron Go menu, so the harness answers the same keys.
  useHotkeys(
    [
      ['mod+K', () => spotlight.open()],
      ...SCREENS.map((s, i) => [`mod+${i + 1}`, () => setScreen(s)] as [string, () => void]),
    ],
    [],
  );

  const nav = useMemo<NavValue>(
    () => ({
      screen,
      go: setScreen,
      openTicket,
      openBench,
      intakeForCustomer(id) {
        pendingRef.current = id;
        setPending(id);
        setScreen('intake');
      },
      pendingCustomerId,
      takePendingCustomer() {
        const id = pendingRef.current;
        pendingRef.current = null;
        if (id !== null) setPending(null);
        return id;
      },
    }),
    [screen, setScreen, openTicket, openBench, pendingCustomerId],
  );

  return (
    <NavContext.Provider value={nav}>
      <AppShell
        header={{ height: 52 }}
        navbar={{ width: 200, breakpoint: 0 }}
        padding="md"
        data-testid="app-ready"
      >
        <AppShell.Header px="md">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <IconTool size={22} color="var(--mantine-color-teal-6)" />
              <Text fw={700}>{t('app.title')}</Text>
            </Group>
            <UnstyledButton
              onClick={() => spotlight.open()}
              data-testid="open-spotlight"
              style={{ flex: '0 1 360px' }}
            >
              <Group
                gap="xs"
                px="sm"
                h={32}
                wrap="nowrap"
                style={{
                  border: '1px solid var(--mantine-color-default-border)',
                  borderRadius: 'var(--mantine-radius-sm)',
                }}
              >
                <IconSearch size={16} color="var(--mantine-color-dimmed)" />
                <Text size="sm" c="dimmed" style={{ flex: 1 }} truncate>
                  {t('spotlight.placeholder')}
                </Text>
                <Kbd size="xs">Ctrl</Kbd>
                <Kbd size="xs">K</Kbd>
              </Group>
            </UnstyledButton>
            <Group gap="sm" wrap="nowrap">
              <PrintQueueButton />
              <LanguageSwitch />
              <ThemeToggle />
              <ChangeMyPin icon={<IconKey size={16} />} />
              <div style={{ textAlign: 'right', lineHeight: 1.1 }} data-testid="current-staff">
                <Text size="sm" fw={600}>
                  {staff?.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {staff ? t(`roles.${staff.role}`) : ''}
                </Text>
              </div>
              <Button
                variant="default"
                leftSection={<IconLogout size={16} />}
                onClick={() => void signOut()}
                data-testid="sign-out"
              >
                {t('app.signOut')}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          {allowed.map((s) => {
            const Icon = ICONS[s];
            return (
              <NavLink
                key={s}
                active={!showSetup && screen === s}
                label={t(`nav.${s}`)}
                leftSection={<Icon size={18} />}
                onClick={() => setScreen(s)}
                data-testid={`nav-${s}`}
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              />
            );
          })}
        </AppShell.Navbar>
        <AppShell.Main>
          <LiveGuard>
            {showSetup && needsSetup === null && <Loader size="sm" />}
            {showSetup && needsSetup && (
              <ShopSetup
                onDone={() => setSetupOpen(false)}
                onPrinters={() => setScreen('settings')}
              />
            )}
            {!showSetup && screen === 'intake' && <IntakePage />}
            {!showSetup && screen === 'bench' && <BenchPage />}
            {!showSetup && screen === 'settings' && <SettingsPage />}
            {!showSetup && screen === 'inventory' && <InventoryPage />}
            {!showSetup && screen === 'pickup' && <PickupPage />}
            {!showSetup && screen === 'reports' && <ReportsPage />}
            {!showSetup && screen === 'messages' && <MessagesPage />}
          </LiveGuard>
        </AppShell.Main>
      </AppShell>
      <GlobalSearch />
      <TicketDrawer id={ticketId} onClose={() => setTicketId(null)} />
      <BenchDrawer id={benchId} onClose={() => setBenchId(null)} />
    </NavContext.Provider>
  );
}
