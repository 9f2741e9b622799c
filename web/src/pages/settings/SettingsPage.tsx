/** Settings: reward units, API keys for programs, and the admins who can sign in. */
import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { AdminsSection } from './AdminsSection';
import { ApiKeysSection } from './ApiKeysSection';
import { UnitsSection } from './UnitsSection';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" />
      <Stack gap="xl">
        <UnitsSection />
        <ApiKeysSection />
        <AdminsSection />
      </Stack>
    </>
  );
}
