/**
 * Redeem an amount from one balance. The amount that will really be redeemed (extra digits
 * truncated) is shown on the confirm button before anything happens.
 */
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { newIdempotencyKey, useRedeemBalance, type ParticipantKey } from '../../api/participants';
import type { BalanceView } from '../../api/types';
import { minorOf, previewAmount } from './amountPreview';
import { formatAmount } from '@domain/amounts';

export function RedeemBalanceModal({
  participant,
  who,
  balance,
  onClose,
}: {
  participant: ParticipantKey;
  who: string;
  balance: BalanceView | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={balance !== null} onClose={onClose} title="Redeem from balance" centered>
      {balance ? (
        <RedeemForm participant={participant} who={who} balance={balance} onDone={onClose} />
      ) : null}
    </Modal>
  );
}

function RedeemForm({
  participant,
  who,
  balance,
  onDone,
}: {
  participant: ParticipantKey;
  who: string;
  balance: BalanceView;
  onDone: () => void;
}) {
  const [text, setText] = useState('');
  const [key] = useState(newIdempotencyKey);
  const redeem = useRedeemBalance(participant);
  const preview = previewAmount(text, balance.decimals);
  const available = minorOf(balance.available, balance.decimals);
  const tooMuch = preview.kind === 'ok' && preview.minor > available;
  const ready = preview.kind === 'ok' && !tooMuch;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (preview.kind !== 'ok' || tooMuch) return;
    redeem.mutate(
      { unit: balance.unit, amount: preview.amount, idempotencyKey: key },
      {
        onSuccess: (r) => {
          notifications.show({
            color: 'green',
            message: `Redeemed ${r.amount} ${r.unit} from ${who}`,
          });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">
          {who} has <b>{balance.available}</b> {balance.unitName} ({balance.unit}) available.
          Rewards that expire soonest are used first.
        </Text>
        <TextInput
          label={`Amount to redeem (${balance.unit})`}
          description={`Up to ${balance.decimals} decimals, such as ${balance.decimals ? '10.' + '5'.padEnd(balance.decimals, '0') : '10'}`}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          inputMode="decimal"
          autoComplete="off"
          data-autofocus
          error={preview.kind === 'invalid' ? preview.message : undefined}
        />
        {preview.kind === 'ok' && preview.truncated ? (
          <Alert color="yellow" title="Extra digits are dropped" data-testid="truncation-notice">
            {balance.unit} has {balance.decimals} decimals, so <b>{preview.amount}</b> will be
            redeemed, not {text.trim()}. Amounts are truncated, never rounded.
          </Alert>
        ) : null}
        {tooMuch ? (
          <Alert color="red">
            {preview.kind === 'ok' ? preview.amount : ''} is more than the {balance.available}{' '}
            available; nothing would be redeemed.
          </Alert>
        ) : null}
        {ready && preview.kind === 'ok' ? (
          <Text size="sm" c="dimmed">
            Left after: {formatAmount(available - preview.minor, balance.decimals)} {balance.unit}
          </Text>
        ) : null}
        {redeem.error ? (
          <Alert color="red" role="alert">
            {redeem.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" disabled={!ready} loading={redeem.isPending}>
            {preview.kind === 'ok' ? `Redeem ${preview.amount} ${balance.unit}` : 'Redeem'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
