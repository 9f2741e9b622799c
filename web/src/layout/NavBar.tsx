/** Left navigation: Participants, Reporting → Imports & Exports, Outbox (no SMTP), Settings. */
import { NavLink, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';

function Item({ to, label, active }: { to: string; label: string; active: boolean }) {
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={active}
      aria-current={active ? 'page' : undefined}
      variant="light"
    />
  );
}

export function NavBar({ smtpConfigured }: { smtpConfigured: boolean }) {
  const { pathname } = useLocation();
  const at = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  return (
    <Stack gap={2} component="nav">
      <Item to="/participants" label="Participants" active={at('/participants')} />
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
        Reporting
      </Text>
      <Item to="/reporting" label="Imports & Exports" active={at('/reporting')} />
      {smtpConfigured ? null : <Item to="/outbox" label="Outbox" active={at('/outbox')} />}
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
        Administration
      </Text>
      <Item to="/settings" label="Settings" active={at('/settings')} />
    </Stack>
  );
}
