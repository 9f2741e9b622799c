/** Redeem from one reward (all that is left, or an amount), or cancel one. */
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import {
  newIdempotencyKey,
  useCancelReward,
  useRedeemReward,
  type ParticipantKey,
} from '../../api/participants';
import type { RewardView } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { minorOf, previewAmount } from './amountPreview';

export function RedeemRewardModal(props: {
  participant: ParticipantKey;
  reward: RewardView | null;
  decimals: number;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={props.reward !== null}
      onClose={props.onClose}
      title="Redeem from one reward"
      centered
    >
      {props.reward ? <RedeemRewardForm {...props} reward={props.reward} /> : null}
    </Modal>
  );
}

function RedeemRewardForm({
  participant,
  reward,
  decimals,
  onClose,
}: {
  participant: ParticipantKey;
  reward: RewardView;
  decimals: number;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [key] = useState(newIdempotencyKey);
  const redeem = useRedeemReward(participant);
  const preview = previewAmount(text, decimals);
  const tooMuch =
    preview.kind === 'ok' && preview.minor > minorOf(reward.availableAmount, decimals);
  const amount = preview.kind === 'ok' ? preview.amount : reward.availableAmount;
  const ready = (preview.kind === 'ok' && !tooMuch) || preview.kind === 'empty';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    redeem.mutate(
      {
        rewardId: reward.rewardId,
        amount: preview.kind === 'ok' ? amount : null,
        idempotencyKey: key,
      },
      {
        onSuccess: (r) => {
          notifications.show({
            color: 'green',
            message: `Redeemed ${r.amount} ${r.unit} from reward ${reward.rewardId}`,
          });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <Text size="sm">
          Reward <b>{reward.rewardId}</b> has <b>{reward.availableAmount}</b> {reward.unit} left.
        </Text>
        <TextInput
          label={`Amount (${reward.unit})`}
          description="Leave empty to redeem all that is left."
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          inputMode="decimal"
          autoComplete="off"
          data-autofocus
          error={preview.kind === 'invalid' ? preview.message : undefined}
        />
        {preview.kind === 'ok' && preview.truncated ? (
          <Alert color="yellow" title="Extra digits are dropped">
            {reward.unit} has {decimals} decimals, so <b>{preview.amount}</b> will be redeemed.
          </Alert>
        ) : null}
        {tooMuch ? (
          <Alert color="red">
            That is more than the {reward.availableAmount} left on this reward.
          </Alert>
        ) : null}
        {redeem.error ? (
          <Alert color="red" role="alert">
            {redeem.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!ready} loading={redeem.isPending}>
            Redeem {amount} {reward.unit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CancelRewardModal({
  participant,
  reward,
  onClose,
}: {
  participant: ParticipantKey;
  reward: RewardView | null;
  onClose: () => void;
}) {
  const cancel = useCancelReward(participant);
  const close = () => {
    cancel.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={reward !== null}
      title="Cancel reward"
      confirmLabel="Cancel reward"
      color="red"
      loading={cancel.isPending}
      error={cancel.error}
      onClose={close}
      onConfirm={() =>
        reward &&
        cancel.mutate(reward.rewardId, {
          onSuccess: () => {
            notifications.show({ message: `Reward ${reward.rewardId} cancelled` });
            close();
          },
        })
      }
    >
      <Text size="sm">
        Cancel reward <b>{reward?.rewardId}</b> of {reward?.amount} {reward?.unit}? It will no
        longer count toward any balance. This cannot be undone from the app.
      </Text>
    </ConfirmModal>
  );
}
