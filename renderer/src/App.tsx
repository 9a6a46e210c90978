import { Center, Loader } from '@mantine/core';
import { SessionProvider, useSession } from './auth/session';
import { SignIn } from './auth/SignIn';
import { Shell } from './shell/Shell';

function Gate() {
  const { staff, restoring } = useSession();
  if (restoring)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  return staff ? <Shell /> : <SignIn />;
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
