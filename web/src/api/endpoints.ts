/** One typed function per endpoint of the Rapport API. */
import type {
  Contact,
  ContactCreateInput,
  ContactListItem,
  ContactSort,
  ContactUpdateInput,
  InstanceStatus,
  Organization,
  OrganizationCreateInput,
  OrganizationUpdateInput,
  Page,
  SessionInfo,
  SetupInput,
  TagCount,
} from '@shared/api.ts';
import { queryString, request } from './client.ts';

type Signal = AbortSignal | undefined;

// --- Setup and session ---------------------------------------------------

export const getSetupStatus = (signal?: Signal) => request<InstanceStatus>('GET', '/api/setup', { signal });

export const setUp = (input: SetupInput) => request<SessionInfo>('POST', '/api/setup', { body: input });

export const signIn = (input: { email: string; password: string }) =>
  request<SessionInfo>('POST', '/api/session', { body: input });

export const getSession = (signal?: Signal) => request<SessionInfo>('GET', '/api/session', { signal });

export const signOut = () => request<void>('DELETE', '/api/session');

// --- Contacts -------------------------------------------------------------

export interface ContactListParams {
  q?: string | undefined;
  tag?: string | undefined;
  organizationId?: string | undefined;
  sort?: ContactSort | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export const listContacts = (params: ContactListParams, signal?: Signal) =>
  request<Page<ContactListItem>>('GET', `/api/contacts${queryString({ ...params })}`, { signal });

export const listContactTags = (signal?: Signal) => request<TagCount[]>('GET', '/api/contacts/tags', { signal });

export const createContact = (input: ContactCreateInput) => request<Contact>('POST', '/api/contacts', { body: input });

export const getContact = (id: string, signal?: Signal) =>
  request<Contact>('GET', `/api/contacts/${encodeURIComponent(id)}`, { signal });

export const updateContact = (id: string, input: ContactUpdateInput) =>
  request<Contact>('PATCH', `/api/contacts/${encodeURIComponent(id)}`, { body: input });

/** Refused with 409 VERSION_CONFLICT if the contact changed since `version` was loaded. */
export const deleteContact = (id: string, version: number) =>
  request<void>('DELETE', `/api/contacts/${encodeURIComponent(id)}${queryString({ version })}`);

// --- Organizations ----------------------------------------------------------

export interface OrganizationListParams {
  q?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export const listOrganizations = (params: OrganizationListParams, signal?: Signal) =>
  request<Page<Organization>>('GET', `/api/organizations${queryString({ ...params })}`, { signal });

export const createOrganization = (input: OrganizationCreateInput) =>
  request<Organization>('POST', '/api/organizations', { body: input });

export const getOrganization = (id: string, signal?: Signal) =>
  request<Organization>('GET', `/api/organizations/${encodeURIComponent(id)}`, { signal });

export const updateOrganization = (id: string, input: OrganizationUpdateInput) =>
  request<Organization>('PATCH', `/api/organizations/${encodeURIComponent(id)}`, { body: input });

/** Refused with 409 VERSION_CONFLICT if the organization changed since `version` was loaded. */
export const deleteOrganization = (id: string, version: number) =>
  request<void>('DELETE', `/api/organizations/${encodeURIComponent(id)}${queryString({ version })}`);
