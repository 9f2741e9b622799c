/** A secret (API key, password) shown once, with a copy button and a warning that it will not be shown again. */
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

export function ShownOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <Alert color="yellow" title={`Copy the ${label} now`}>
      <Stack gap="xs">
        <Text size="sm">It is shown only this once; rewardbook keeps only a hash of it.</Text>
        <Group gap="xs" wrap="nowrap">
          <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="secret">
            {secret}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant={copied ? 'filled' : 'light'}
                color={copied ? 'teal' : 'blue'}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
