/** Outbox: the emails rewardbook kept (no SMTP configured) or sent, and one of them opened. */
import { Badge, Grid, NavLink, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useOutbox } from '../../api/outbox';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/States';
import { formatDateTime } from '../../format';
import { EmailView } from './EmailView';

export function OutboxPage() {
  const params = useParams();
  const selected = params.id ? Number(params.id) : null;
  const outbox = useOutbox();
  return (
    <>
      <PageHeader
        title="Outbox"
        description="No mail server (SMTP_URL) is configured, so rewardbook keeps its emails here: report links, import outcomes."
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder>
            <QueryState query={outbox} loadingLabel="Loading emails…">
              {(data) =>
                data.items.length === 0 ? (
                  <EmptyState title="No emails yet">
                    Emails appear here when a report is ready or an import has finished.
                  </EmptyState>
                ) : (
                  <ScrollArea.Autosize mah="70vh">
                    <Stack gap={0} component="nav" aria-label="Emails">
                      {data.items.map((m) => (
                        <NavLink
                          key={m.id}
                          component={Link}
                          to={`/outbox/${m.id}`}
                          active={m.id === selected}
                          aria-current={m.id === selected ? 'page' : undefined}
                          label={
                            <Text size="sm" fw={500} lineClamp={2}>
                              {m.subject}
                            </Text>
                          }
                          description={
                            <>
                              {m.to} · {formatDateTime(m.createdAt)}{' '}
                              {m.status === 'failed' ? (
                                <Badge color="red" size="xs">
                                  failed
                                </Badge>
                              ) : null}
                            </>
                          }
                          data-testid={`email-${m.id}`}
                        />
                      ))}
                    </Stack>
                  </ScrollArea.Autosize>
                )
              }
            </QueryState>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selected === null ? (
            <Paper withBorder p="md">
              <EmptyState title="Choose an email to read it" />
            </Paper>
          ) : (
            <EmailView id={selected} />
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
