import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '@shared/api.ts';
import { errorMessage, setUp } from '../api/index.ts';
import { fieldErrorsFrom, type FieldErrors } from '../ui/fieldErrors.ts';
import { notifySuccess } from '../ui/notify.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { passwordToggleProps } from './passwordToggle.ts';

const MIN_PASSWORD = 10;

export function SetupPage({ onDone }: { onDone: (info: SessionInfo) => void }) {
  useDocumentTitle('Welcome · Rapport');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const clear = (field: string) => setErrors(({ [field]: _removed, ...rest }) => rest);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (name.trim() === '') found.name = 'Tell us your name';
    if (email.trim() === '') found.email = 'Enter your e-mail address';
    if (password.length < MIN_PASSWORD) found.password = `Use at least ${MIN_PASSWORD} characters`;
    if (confirm !== password) found.confirm = 'The passwords do not match';
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;

    setSubmitting(true);
    try {
      const info = await setUp({ name, email, password });
      notifySuccess(`Welcome, ${info.user.name}!`, 'Your account is ready');
      onDone(info);
    } catch (error) {
      setErrors(fieldErrorsFrom(error));
      setFailure(errorMessage(error));
      setSubmitting(false);
    }
  };

  return (
    <AuthLayout
      title="Welcome to Rapport — create your account"
      subtitle="Rapport keeps the people you learn from, the organizations you are curious about and your conversations in one calm place. Your data stays on this server."
      footer="This first account owns this Rapport instance."
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          {failure && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {failure}
            </Alert>
          )}
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              clear('name');
            }}
            error={errors.name}
            data-autofocus
            autoFocus
          />
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => {
              setEmail(event.currentTarget.value);
              clear('email');
            }}
            error={errors.email}
          />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD} characters. A short sentence works well.`}
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              clear('password');
            }}
            error={errors.password}
            visibilityToggleButtonProps={passwordToggleProps}
          />
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(event) => {
              setConfirm(event.currentTarget.value);
              clear('confirm');
            }}
            error={errors.confirm}
            visibilityToggleButtonProps={passwordToggleProps}
          />
          <Button type="submit" size="md" mt="xs" loading={submitting} fullWidth>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
