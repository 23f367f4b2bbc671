import { type Generated, type Kysely, sql } from 'kysely';
import type { NamedMigration } from '../kernel/db/migrate.ts';

export type MessageCategory = 'todo' | 'notice' | 'warning';
export const MESSAGE_CATEGORIES = ['todo', 'notice', 'warning'] as const;

export interface MessageTable {
  id: Generated<number>;
  category: MessageCategory;
  title: string;
  body: string;
  /** A console path, e.g. /console/matters/12. */
  link: string | null;
  matter_id: number | null;
  due_at: Date | null;
  /** Addressed to one account; null when addressed to an agency. */
  to_account_id: number | null;
  /** The addressee agency, or the agency of the addressee account (for its webhook); ids only. */
  to_agency_id: number | null;
  /** Agency-wide messages only: restricted to these roles within the agency (null = everyone). */
  to_roles: string[] | null;
  /** A todo is done when its matter moved on: done for everyone at once. */
  done_at: Date | null;
  created_at: Date;
}

/** Read state is per person: an agency-wide message is unread for each until each reads it. */
export interface MessageReceiptTable {
  message_id: number;
  account_id: number;
  read_at: Date;
}

export interface AgencyWebhookTable {
  agency_id: number;
  url: string;
  enabled: boolean;
  /** Only these categories are pushed (null = all). */
  categories: string[] | null;
  /** The signing secret, SM4-GCM sealed under the key file 'webhook' (never stored in clear). */
  secret_sealed: Buffer;
  secret_rotated_at: Date;
  updated_at: Date;
  updated_by: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryTable {
  id: Generated<number>;
  agency_id: number;
  /** Null for a test delivery. */
  message_id: number | null;
  /** The exact JSON body sent on every attempt (the signature covers these bytes). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  /** When the job should try next; null once delivered or failed. */
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  failed_at: Date | null;
  created_at: Date;
}

export interface WebhookAttemptTable {
  delivery_id: number;
  attempt: number;
  at: Date;
  url: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

declare module '../kernel/db/schema.ts' {
  interface Database {
    message: MessageTable;
    message_receipt: MessageReceiptTable;
    agency_webhook: AgencyWebhookTable;
    webhook_delivery: WebhookDeliveryTable;
    webhook_attempt: WebhookAttemptTable;
  }
}

// Agencies and accounts are known by id only (no foreign keys into the agencies module's tables).
export const messageMigrations: NamedMigration[] = [
  {
    name: '1500_messages',
    async up(db: Kysely<any>) {
      await sql`
        create table message (
          id bigserial primary key,
          category text not null check (category in ('todo','notice','warning')),
          title text not null,
          body text not null,
          link text,
          matter_id bigint,
          due_at timestamptz,
          to_account_id int,
          to_agency_id int,
          to_roles text[],
          done_at timestamptz,
          created_at timestamptz not null,
          check (to_account_id is not null or to_agency_id is not null),
          check (to_roles is null or to_account_id is null)
        );
        -- The inbox and the badge: one branch per kind of addressee, newest first.
        create index message_to_account on message (to_account_id, id desc) where to_account_id is not null;
        create index message_to_agency on message (to_agency_id, id desc) where to_account_id is null;
        create index message_live_todo_matter on message (matter_id) where category = 'todo' and done_at is null;
        create table message_receipt (
          message_id bigint not null references message(id),
          account_id int not null,
          read_at timestamptz not null,
          primary key (message_id, account_id)
        );
        create table agency_webhook (
          agency_id int primary key,
          url text not null,
          enabled boolean not null,
          categories text[],
          secret_sealed bytea not null,
          secret_rotated_at timestamptz not null,
          updated_at timestamptz not null,
          updated_by text not null
        );
        create table webhook_delivery (
          id bigserial primary key,
          agency_id int not null,
          message_id bigint references message(id),
          payload text not null,
          status text not null check (status in ('pending','delivered','failed')),
          attempts int not null default 0,
          last_status_code int,
          last_error text,
          last_attempt_at timestamptz,
          next_attempt_at timestamptz,
          delivered_at timestamptz,
          failed_at timestamptz,
          created_at timestamptz not null,
          check ((status = 'pending') = (next_attempt_at is not null))
        );
        create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
        create index webhook_delivery_agency on webhook_delivery (agency_id, id desc);
        create table webhook_attempt (
          delivery_id bigint not null references webhook_delivery(id),
          attempt int not null,
          at timestamptz not null,
          url text not null,
          status_code int,
          error text,
          duration_ms int not null,
          primary key (delivery_id, attempt)
        );
      `.execute(db);
    },
  },
];
