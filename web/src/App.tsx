import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { OutcomesPage } from './after/OutcomesPage.tsx';
import { ThankYouCardPage } from './after/ThankYouCardPage.tsx';
import { AuthGate } from './auth/AuthGate.tsx';
import { ContactPage } from './contacts/ContactPage.tsx';
import { ContactsPage } from './contacts/ContactsPage.tsx';
import { EditContactPage } from './contacts/EditContactPage.tsx';
import { NewContactPage } from './contacts/NewContactPage.tsx';
import { ImportPage } from './imports/ImportPage.tsx';
import { InterviewPage } from './interviews/InterviewPage.tsx';
import { InterviewsPage } from './interviews/InterviewsPage.tsx';
import { MeetingModePage } from './meeting/MeetingModePage.tsx';
import { EditOrganizationPage } from './organizations/EditOrganizationPage.tsx';
import { NewOrganizationPage } from './organizations/NewOrganizationPage.tsx';
import { OrganizationPage } from './organizations/OrganizationPage.tsx';
import { OrganizationsPage } from './organizations/OrganizationsPage.tsx';
import { QuestionBankPage } from './prepare/QuestionBankPage.tsx';
import { queryClient } from './queryClient.ts';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { NotFoundPage } from './shell/NotFoundPage.tsx';
import { theme } from './theme.ts';
import { TargetPage } from './targets/TargetPage.tsx';
import { TargetsPage } from './targets/TargetsPage.tsx';
import { TodayPage } from './today/TodayPage.tsx';

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-center" limit={3} zIndex={1000} containerWidth={420} />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthGate>
            <Routes>
              <Route path="interviews/:id/meet" element={<MeetingModePage />} />
              <Route path="interviews/:id/thank-you/card" element={<ThankYouCardPage />} />
              <Route element={<AppLayout />}>
                <Route index element={<TodayPage />} />
                <Route path="today" element={<Navigate to="/" replace />} />
                <Route path="contacts" element={<ContactsPage />} />
                <Route path="contacts/new" element={<NewContactPage />} />
                <Route path="contacts/:id" element={<ContactPage />} />
                <Route path="contacts/:id/edit" element={<EditContactPage />} />
                <Route path="organizations" element={<OrganizationsPage />} />
                <Route path="organizations/new" element={<NewOrganizationPage />} />
                <Route path="organizations/:id" element={<OrganizationPage />} />
                <Route path="organizations/:id/edit" element={<EditOrganizationPage />} />
                <Route path="targets" element={<TargetsPage />} />
                <Route path="targets/:id" element={<TargetPage />} />
                <Route path="interviews" element={<InterviewsPage />} />
                <Route path="interviews/:id" element={<InterviewPage />} />
                <Route path="outcomes" element={<OutcomesPage />} />
                <Route path="questions" element={<QuestionBankPage />} />
                <Route path="import" element={<ImportPage />} />
                <Route path="settings" element={<SettingsPage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </AuthGate>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
