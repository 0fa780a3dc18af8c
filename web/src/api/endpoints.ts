/** One typed function per endpoint of the Rapport API. */
import type {
  Contact,
  ContactCreateInput,
  ContactHistoryEntry,
  ContactListItem,
  ContactSort,
  ContactUpdateInput,
  InstanceStatus,
  Organization,
  OrganizationCreateInput,
  OrganizationUpdateInput,
  Page,
  SearchResponse,
  SessionInfo,
  SetupInput,
  TagCount,
} from '@shared/api.ts';
import type { ImportFormat, ImportReport } from '../../../src/imports/types.ts';
import { uploadFile, type UploadProgress } from '../imports/upload.ts';
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

/** Earlier titles and organizations, oldest first. */
export const getContactHistory = (id: string, signal?: Signal) =>
  request<ContactHistoryEntry[]>('GET', `/api/contacts/${encodeURIComponent(id)}/history`, { signal });

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

// --- Search -------------------------------------------------------------------

/** Contacts matching every word typed, best first. */
export const search = (params: { q: string; limit?: number | undefined }, signal?: Signal) =>
  request<SearchResponse>('GET', `/api/search${queryString({ ...params })}`, { signal });

// --- Imports and exports -------------------------------------------------------

export type { ImportFormat, ImportReport, SkippedRecord } from '../../../src/imports/types.ts';

export interface ImportFileOptions {
  /** true: only report what the import would do. */
  dryRun: boolean;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  onUploaded?: (() => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Uploads a LinkedIn Connections.csv or a vCard file as the raw request body. */
export const importFile = (format: ImportFormat, file: Blob, options: ImportFileOptions) =>
  uploadFile<ImportReport>(`/api/imports/${format}${queryString({ dryRun: String(options.dryRun) })}`, file, {
    contentType: format === 'linkedin' ? 'text/csv' : 'text/vcard',
    onProgress: options.onProgress,
    onUploaded: options.onUploaded,
    signal: options.signal,
  });

/** Downloads: plain links, the session cookie goes along. */
export const exportUrls = {
  contactsCsv: '/api/exports/contacts.csv',
  contactsVCard: (version: '4.0' | '3.0') => `/api/exports/contacts.vcf${queryString({ version })}`,
  accountJson: '/api/exports/account.json',
} as const;
