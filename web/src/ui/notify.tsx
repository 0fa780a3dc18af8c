import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { errorMessage } from '../api/index.ts';

export function notifySuccess(message: string, title?: string): void {
  notifications.show({
    ...(title ? { title } : {}),
    message,
    color: 'teal',
    icon: <IconCheck size={18} stroke={2} />,
    autoClose: 3500,
  });
}

/** The error's own message, or `message` when the screen can say better what happened. */
export function notifyError(error: unknown, title = 'That did not work', message?: string): void {
  notifications.show({
    title,
    message: message ?? errorMessage(error),
    color: 'red',
    icon: <IconAlertTriangle size={18} stroke={2} />,
    autoClose: 6000,
  });
}
