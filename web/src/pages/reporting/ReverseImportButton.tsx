/** Reverse a finished import, after a confirmation that says what it will give back. */
import { Button, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useReverseImport } from '../../api/reporting';
import type { ImportView } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { plural } from '../../format';

export function ReverseImportButton({ imp }: { imp: ImportView }) {
  const [open, setOpen] = useState(false);
  const reverse = useReverseImport(imp.id);
  if (imp.reversedAt || !imp.summary || imp.summary.redeemed === 0) return null;
  const close = () => {
    reverse.reset();
    setOpen(false);
  };
  return (
    <>
      <Button color="red" variant="light" onClick={() => setOpen(true)}>
        Reverse import…
      </Button>
      <ConfirmModal
        opened={open}
        title={`Reverse import #${imp.id}`}
        confirmLabel="Reverse import"
        color="red"
        loading={reverse.isPending}
        error={reverse.error}
        onClose={close}
        onConfirm={() =>
          reverse.mutate(undefined, {
            onSuccess: (result) => {
              notifications.show({
                color: 'green',
                message: `Import #${imp.id} reversed: ${plural(result.reversedRedemptions, 'redemption')} given back`,
              });
              close();
            },
          })
        }
      >
        <Text size="sm">
          This gives back what the {plural(imp.summary.redeemed, 'redeemed row')} of{' '}
          <b>{imp.fileName}</b> took, to the same rewards:
        </Text>
        <List size="sm" data-testid="reverse-totals">
          {imp.summary.totals.map((t) => (
            <List.Item key={t.unit}>
              <b>
                {t.amount} {t.unit}
              </b>{' '}
              over {plural(t.rows, 'row')}
            </List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed">
          The redemptions stay in each participant&apos;s history, marked as reversed. Redemptions
          already reversed one by one are left as they are.
        </Text>
      </ConfirmModal>
    </>
  );
}
