import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertCircle, IconWaveSine } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { LanguageSwitcher } from '../../../app/i18n/language-switcher';
import { errorMessage, fieldErrors } from '../../../shared/api/error-message';
import { isApiError } from '../../../shared/api/http';
import { useMe } from '../hooks/use-me';
import { useSignIn } from '../hooks/use-sign-in';

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  return next;
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<{ email?: string; password?: string }>({});

  if (me.data && !signIn.isPending) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof local = {};
    if (!email.trim()) errs.email = t('validation.required');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errs.email = t('validation.email');
    if (!password) errs.password = t('validation.required');
    setLocal(errs);
    if (errs.email || errs.password) return;
    // No navigate() here: once signed in, `me` is set and the <Navigate> above leaves this page. Navigating here as
    // well raced with it and could undo a click the user made right after the layout appeared.
    signIn.mutate({ email: email.trim(), password });
  };

  const server = fieldErrors(signIn.error);
  const rateLimited = isApiError(signIn.error) && signIn.error.code === 'RATE_LIMITED';

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <Group justify="flex-end" p="md">
        <LanguageSwitcher />
      </Group>
      <Center mih="calc(100vh - 140px)">
        <Stack w={400} gap="lg">
          <Stack align="center" gap={6}>
            <ThemeIcon size={48} radius="md">
              <IconWaveSine size={30} />
            </ThemeIcon>
            <Title order={2}>CX Stream</Title>
            <Text c="dimmed" size="sm" ta="center">
              {t('signIn.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <form onSubmit={submit} noValidate data-testid="sign-in-form">
              <Stack>
                <Title order={4}>{t('signIn.title')}</Title>
                {signIn.isError && !Object.keys(server).length ? (
                  <Alert
                    color={rateLimited ? 'orange' : 'red'}
                    variant="light"
                    icon={<IconAlertCircle size={18} />}
                    data-testid="sign-in-error"
                  >
                    {errorMessage(t, signIn.error)}
                  </Alert>
                ) : null}
                <TextInput
                  label={t('signIn.email')}
                  placeholder="name@company.com"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={local.email ?? server.email}
                  data-testid="sign-in-email"
                  autoFocus
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={local.password ?? server.password}
                  data-testid="sign-in-password"
                />
                <Button type="submit" fullWidth loading={signIn.isPending} data-testid="sign-in-submit" mt="xs">
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t('signIn.help')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
