/**
 * "Apply this file" after a dry run: uploads the same file again, this time to apply it. The file
 * is taken from memory when it was uploaded in this tab, else downloaded from the dry run.
 */
import { Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { originalFileOf, useStartImport } from '../../api/reporting';
import { useSignedIn } from '../../api/session';
import type { ImportView } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { plural } from '../../format';

export function ApplyDryRunButton({ imp }: { imp: ImportView }) {
  const session = useSignedIn();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const start = useStartImport();
  const apply = useMutation({
    mutationFn: async (confirmRepeat: boolean) => {
      const file = await originalFileOf(imp);
      return start.mutateAsync({
        file,
        dryRun: false,
        confirmRepeat,
        notifyEmail: session.admin.email,
      });
    },
    onSuccess: (created) => void navigate(`/reporting/imports/${created.id}`),
  });
  const repeat = apply.error instanceof ApiError && apply.error.code === 'REPEATED_FILE';
  const s = imp.summary;
  if (!s) return null;
  const close = () => {
    apply.reset();
    setOpen(false);
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={s.redeemed === 0}>
        Apply this file…
      </Button>
      <ConfirmModal
        opened={open}
        title="Apply this file"
        confirmLabel={repeat ? 'Apply it again' : 'Apply'}
        color={repeat ? 'orange' : 'blue'}
        loading={apply.isPending}
        error={apply.error}
        onClose={close}
        onConfirm={() => apply.mutate(repeat)}
      >
        <Text size="sm">
          Apply <b>{imp.fileName}</b> for real: {plural(s.redeemed, 'row')} would redeem{' '}
          <b>{s.totals.map((t) => `${t.amount} ${t.unit}`).join(', ')}</b>
          {s.errors ? `, and ${plural(s.errors, 'row')} in error would be left out` : ''}.
        </Text>
        <Text size="sm" c="dimmed">
          Balances may have changed since the dry run; each row is applied against the balance at
          that moment.
        </Text>
      </ConfirmModal>
    </>
  );
}
