/** Reporting → Imports & Exports: create a report, import a filled-in file, and both lists. */
import { Stack, Tabs } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { CreateReportForm } from './CreateReportForm';
import { ExportsList } from './ExportsList';
import { ImportForm } from './ImportForm';
import { ImportsList } from './ImportsList';

export function ImportsExportsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'imports' ? 'imports' : 'exports';
  return (
    <>
      <PageHeader
        title="Imports & Exports"
        description="Export the balances report, fill valueToRedeem in a spreadsheet, and import it back to redeem in bulk."
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(value === 'imports' ? { tab: 'imports' } : {}, { replace: true })
        }
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="exports">Exports</Tabs.Tab>
          <Tabs.Tab value="imports">Imports</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="exports">
          <Stack gap="lg">
            <CreateReportForm />
            <ExportsList />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="imports">
          <Stack gap="lg">
            <ImportForm />
            <ImportsList />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
