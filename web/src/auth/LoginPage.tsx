import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconClockPause } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import type { SessionInfo } from '@shared/api.ts';
import { ApiError, errorMessage, signIn } from '../api/index.ts';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { passwordToggleProps } from './passwordToggle.ts';

export function LoginPage({ onSignedIn }: { onSignedIn: (info: SessionInfo) => void }) {
  useDocumentTitle('Sign in · Rapport');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ message: string; rateLimited: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (email.trim() === '') found.email = 'Enter your e-mail address';
    if (password === '') found.password = 'Enter your password';
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    setSubmitting(true);
    setFailure(null);
    try {
      onSignedIn(await signIn({ email, password }));
    } catch (error) {
      setSubmitting(false);
      setErrors(fieldErrorsFrom(error));
      setFailure({ message: errorMessage(error), rateLimited: error instanceof ApiError && error.code === 'RATE_LIMITED' });
      if (error instanceof ApiError && error.code === 'INVALID_CREDENTIALS') {
        setPassword('');
        passwordRef.current?.focus();
      }
    }
  };

  return (
    <AuthLayout title="Sign in to Rapport" subtitle="Welcome back. Pick up where you left off.">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          {failure && (
            <Alert
              color={failure.rateLimited ? 'orange' : 'red'}
              variant="light"
              icon={failure.rateLimited ? <IconClockPause size={18} /> : <IconAlertTriangle size={18} />}
              role="alert"
              title={failure.rateLimited ? 'Please wait a moment' : 'Could not sign you in'}
            >
              {failure.message}
            </Alert>
          )}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              setErrors(({ email: _e, ...rest }) => rest);
            }}
            error={errors.email}
            autoFocus
          />
          <PasswordInput
            ref={passwordRef}
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setErrors(({ password: _p, ...rest }) => rest);
            }}
            error={errors.password}
            visibilityToggleButtonProps={passwordToggleProps}
          />
          <Button type="submit" size="md" mt="xs" loading={submitting} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
