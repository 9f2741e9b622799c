/** Email and password; the server answers the same for a wrong email and a wrong password. */
import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useSession, useSignIn } from '../api/session';

/** Only paths of this app, never another site, are followed after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/participants';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const session = useSession();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState('');
  const needsTenant = signIn.error instanceof ApiError && signIn.error.details.field === 'tenant';

  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password, ...(tenant ? { tenant } : {}) });
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} maw="100%" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Text fw={700} c="blue.7" size="lg">
                rewardbook
              </Text>
              <Title order={2} size="h3">
                Sign in
              </Title>
              <Text c="dimmed" size="sm">
                For program admins of this rewardbook.
              </Text>
            </div>
            {signIn.error ? (
              <Alert color="red" role="alert" title="Not signed in">
                {signIn.error.message}
              </Alert>
            ) : null}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              data-autofocus
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {needsTenant || tenant ? (
              <TextInput
                label="Tenant"
                description="Your email administers several tenants: enter the one to sign in to, such as demo."
                value={tenant}
                onChange={(e) => setTenant(e.currentTarget.value)}
              />
            ) : null}
            <Button type="submit" loading={signIn.isPending} disabled={!email || !password}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
