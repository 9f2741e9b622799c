/** The frame of every signed-in page: a header with the tenant and admin, and the left navigation. */
import { AppShell, Burger, Button, Group, Menu, Text } from '@mantine/core';
import { useDisclosure, useReducedMotion } from '@mantine/hooks';
import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSignedIn, useSignOut } from '../api/session';
import { NavBar } from './NavBar';

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const reduceMotion = useReducedMotion();
  const session = useSignedIn();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: { base: 220, lg: 240 }, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="lg"
      transitionDuration={reduceMotion ? 0 : 200}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Text fw={700} size="lg" c="blue.7">
              rewardbook
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="xs" truncate>
              {session.tenant.name}
            </Text>
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="subtle" size="sm" aria-label={`Account: ${session.admin.email}`}>
                {session.admin.email}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Signed in to {session.tenant.slug}</Menu.Label>
              <Menu.Item
                onClick={() =>
                  signOut.mutate(undefined, { onSettled: () => void navigate('/signin') })
                }
              >
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <NavBar smtpConfigured={session.smtpConfigured} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
