import { useCallback } from 'react';
import { Center, Loader } from '@mantine/core';
import { ForcedPinChange } from './auth/ForcedPinChange';
import { LockScreen } from './auth/LockScreen';
import { SessionProvider, useSession } from './auth/session';
import { SignIn } from './auth/SignIn';
import { useIdleLock } from './auth/useIdleLock';
import { Shell } from './shell/Shell';
import { StationGate } from './stations/StationGate';
import { SetupDatabase, useSetupNeeded } from './setup/SetupDatabase';
import { UpgradeDatabase, useUpgradeState } from './setup/UpgradeDatabase';

function Gate() {
  const { staff, restoring, mustChangePin, locked, idleLockMinutes, lock } = useSession();
  const onIdle = useCallback(() => void lock().catch(() => undefined), [lock]);
  useIdleLock(idleLockMinutes, !!staff && !mustChangePin && !locked, onIdle);
  if (restoring)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (!staff) return <SignIn />;
  if (mustChangePin) return <ForcedPinChange />;
  // The lock screen lies over the shell: the screens and their half-typed forms stay mounted.
  return (
    <>
      <Shell />
      {!locked && <StationGate />}
      {locked && <LockScreen />}
    </>
  );
}

export function App() {
  // First start of the harness on a folder with no database chosen: Setup before anything.
  const setup = useSetupNeeded();
  // A newer station on a shop database others use: an admin confirms the upgrade first.
  const upgrade = useUpgradeState();
  if (setup === null || upgrade === null)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  if (setup) return <SetupDatabase />;
  if (upgrade) return <UpgradeDatabase initial={upgrade} />;
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
