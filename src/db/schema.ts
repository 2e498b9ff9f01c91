/**
 * The database schema: the single source of truth. Migrations in drizzle/ are generated from it
 * with `npm run db:generate` and never edited after release.
 *
 * Instants are stored as UTC milliseconds (`timestamp_ms`); they are shown in the bloc's time zone
 * only when rendered.
 */
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const BRANCH_KINDS = ['committee', 'cell', 'subcell'] as const;
export type BranchKind = (typeof BRANCH_KINDS)[number];

export const ROLES = ['member', 'secretary', 'deputy', 'office', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const MEMBER_STATUSES = ['active', 'left'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const CHAT_STATUSES = ['active', 'removed', 'migrated'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** One row (id = 1): the bloc this installation serves. */
export const bloc = sqliteTable('bloc', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  /** The bot's @username, remembered at start-up so the CLI can print invite links. */
  botUsername: text('bot_username'),
  updatedAt: updatedAt(),
});

/** Emulation groups ("khối thi đua"). */
export const clusters = sqliteTable('clusters', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** The standing-committee member who follows this cluster, free text. */
  leader: text('leader'),
  createdAt: createdAt(),
});

export const branches = sqliteTable(
  'branches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind', { enum: BRANCH_KINDS }).notNull(),
    clusterId: integer('cluster_id').references(() => clusters.id),
    parentId: integer('parent_id').references((): AnySQLiteColumn => branches.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Set when this branch was merged into another; the row stays for history. */
    mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => branches.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('branches_parent_idx').on(t.parentId),
    index('branches_cluster_idx').on(t.clusterId),
    // Codes are typed by people: looked up (and unique) regardless of case.
    uniqueIndex('branches_code_ci_idx').on(sql`lower(${t.code})`),
  ],
);

export const BRANCH_EVENTS = ['created', 'renamed', 'moved', 'merged', 'deactivated', 'reactivated'] as const;
export type BranchEvent = (typeof BRANCH_EVENTS)[number];

/** What happened to a branch over time: renames keep the old name, merges name the other side. */
export const branchHistory = sqliteTable(
  'branch_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    branchId: integer('branch_id')
      .notNull()
      .references(() => branches.id),
    event: text('event', { enum: BRANCH_EVENTS }).notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    otherBranchId: integer('other_branch_id').references(() => branches.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('branch_history_branch_idx').on(t.branchId)],
);

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The bloc's own identifier (e.g. party card number); imports update by it. */
    code: text('code').unique(),
    fullName: text('full_name').notNull(),
    /** Null for office staff and admins who belong to no branch listed here. */
    branchId: integer('branch_id').references(() => branches.id),
    status: text('status', { enum: MEMBER_STATUSES }).notNull().default('active'),
    telegramUserId: integer('telegram_user_id').unique(),
    telegramUsername: text('telegram_username'),
    /** 'vi' or 'en'; null means: follow the Telegram client's language. */
    language: text('language'),
    linkedAt: integer('linked_at', { mode: 'timestamp_ms' }),
    /** Set when Telegram answered 403 for this member's private chat. */
    unreachableSince: integer('unreachable_since', { mode: 'timestamp_ms' }),
    /** Fingerprint of the command menu last set for this member's private chat. */
    commandMenu: text('command_menu'),
    /** Meeting reminders by private message (they still reach the branch's groups). */
    privateReminders: integer('private_reminders', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('members_branch_idx').on(t.branchId), uniqueIndex('members_code_ci_idx').on(sql`lower(${t.code})`)],
);

export const memberRoles = sqliteTable(
  'member_roles',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.role] }), index('member_roles_role_idx').on(t.role)],
);

export const INVITE_KINDS = ['member', 'branch'] as const;
export type InviteKind = (typeof INVITE_KINDS)[number];

/**
 * A member invite links one listed member and is single-use; a branch invite lets anyone with the
 * link join that branch with the given role until it expires.
 */
export const invites = sqliteTable(
  'invites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: INVITE_KINDS }).notNull(),
    memberId: integer('member_id').references(() => members.id),
    branchId: integer('branch_id').references(() => branches.id),
    role: text('role', { enum: ROLES }).notNull().default('member'),
    createdByMemberId: integer('created_by_member_id').references(() => members.id),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('invites_member_idx').on(t.memberId)],
);

/** Wrong invite codes per Telegram user, to slow down guessing. */
export const inviteFailures = sqliteTable(
  'invite_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    telegramUserId: integer('telegram_user_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('invite_failures_user_idx').on(t.telegramUserId, t.at)],
);

export const chats = sqliteTable(
  'chats',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    telegramChatId: integer('telegram_chat_id').notNull().unique(),
    type: text('type').notNull(),
    title: text('title'),
    branchId: integer('branch_id').references(() => branches.id),
    status: text('status', { enum: CHAT_STATUSES }).notNull().default('active'),
    /** For a migrated row: the supergroup that replaced it. */
    migratedToChatId: integer('migrated_to_chat_id'),
    /** For a supergroup: the basic group it was upgraded from. */
    migratedFromChatId: integer('migrated_from_chat_id'),
    addedByTelegramUserId: integer('added_by_telegram_user_id'),
    /**
     * The forum topic /lienket was typed in (message_thread_id): the branch's notices and reminders
     * go there. Null: General, or a group without topics.
     */
    threadId: integer('thread_id'),
    /**
     * Whether the bot may pin messages here (an administrator with can_pin_messages), as last learnt
     * from Telegram (my_chat_member, getChatMember, or a refused pin); null: not known yet.
     */
    botCanPin: integer('bot_can_pin', { mode: 'boolean' }),
    botRightsAt: integer('bot_rights_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('chats_branch_idx').on(t.branchId)],
);

export const AUDIT_SOURCES = ['bot', 'cli', 'system'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

/** Every change made through the bot or the CLI. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    source: text('source', { enum: AUDIT_SOURCES }).notNull(),
    actorMemberId: integer('actor_member_id'),
    actorTelegramUserId: integer('actor_telegram_user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    details: text('details', { mode: 'json' }),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

/** Key-value store behind grammY sessions and conversation state. */
export const kv = sqliteTable('kv', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

// ---------------------------------------------------------------------------------------------
// Delivery: every message the bot starts on its own goes through this durable outbox.

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unreachable', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** What a message (a notice, a row's content) is: a text, or a file with a caption. */
export const MESSAGE_KINDS = ['text', 'document', 'photo'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** An outbox row sends a message, or pins or unpins one the bot sent (`targetMessageId`). */
export const OUTBOX_KINDS = [...MESSAGE_KINDS, 'pin', 'unpin'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** Lower numbers go first: a reminder due now overtakes a broadcast in progress. */
export const PRIORITY = { urgent: 0, reminder: 1, report: 2, notice: 5, bulk: 8 } as const;

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** What makes this message unique (e.g. "notice:12:m:345"): enqueuing twice sends once. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    chatId: integer('chat_id').notNull(),
    /** The member whose private chat this is, when it is one. */
    memberId: integer('member_id').references(() => members.id),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull().default('text'),
    /** Telegram HTML: the text, or the caption of a file. */
    text: text('text').notNull().default(''),
    fileId: text('file_id'),
    replyMarkup: text('reply_markup', { mode: 'json' }),
    priority: integer('priority').notNull().default(PRIORITY.notice),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this instant: the due time of a reminder, or the next retry. */
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    /** Telegram's id of the last message sent for it (the part with the buttons, when it was split). */
    telegramMessageId: integer('telegram_message_id'),
    /**
     * A message too long for one Telegram message goes as several parts, in order, from this one
     * row (src/delivery/parts.ts): how many have gone so far. A retry resumes at the next part.
     */
    partsSent: integer('parts_sent').notNull().default(0),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** When it was meant to go; sent more than a minute later, `lateNote` is appended. */
    dueAt: integer('due_at', { mode: 'timestamp_ms' }),
    lateNote: text('late_note'),
    /** Not sent after this instant (a reminder for a meeting that has started). */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    /** What produced it (e.g. 'notice', 'notice-report'), for progress and reports. */
    source: text('source'),
    sourceId: integer('source_id'),
    /** The forum topic it goes to (message_thread_id); null: the chat itself (General). */
    threadId: integer('thread_id'),
    /** Once sent, the message is pinned in its chat (a 'pin' row is added when it is marked sent). */
    pinAfterSent: integer('pin_after_sent', { mode: 'boolean' }).notNull().default(false),
    /** 'pin' and 'unpin' rows: the message of this chat they act on. */
    targetMessageId: integer('target_message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.priority, t.nextAttemptAt),
    index('outbox_source_idx').on(t.source, t.sourceId, t.status),
    index('outbox_chat_idx').on(t.chatId, t.status),
  ],
);

// ---------------------------------------------------------------------------------------------
// Notices (thông báo, công văn, kế hoạch) and who acknowledged them.

export const NOTICE_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    authorMemberId: integer('author_member_id')
      .notNull()
      .references(() => members.id),
    /** The audience as chosen (see domain/audience.ts), resolved to people when it is sent. */
    audience: text('audience', { mode: 'json' }).notNull(),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    /** Telegram HTML: the text, or the caption of the file. */
    body: text('body').notNull(),
    fileId: text('file_id'),
    /** First words of the notice, plain text, for lists. */
    title: text('title').notNull(),
    requireAck: integer('require_ack', { mode: 'boolean' }).notNull().default(false),
    /** Pinned in the linked groups it goes to (where the bot may pin). */
    pinInGroups: integer('pin_in_groups', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: NOTICE_STATUSES }).notNull().default('draft'),
    scheduledAt: integer('scheduled_at', { mode: 'timestamp_ms' }),
    releasedAt: integer('released_at', { mode: 'timestamp_ms' }),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
    /** The author's progress message, edited while the notice goes out. */
    progressChatId: integer('progress_chat_id'),
    progressMessageId: integer('progress_message_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('notices_status_idx').on(t.status, t.scheduledAt), index('notices_author_idx').on(t.authorMemberId)],
);

/** The people a notice is addressed to (whatever the channel), and their acknowledgement. */
export const noticeRecipients = sqliteTable(
  'notice_recipients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    branchId: integer('branch_id').references(() => branches.id),
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    /** 0 none yet, 1 reminded privately, 2 reported to the branch secretary. */
    nudgeStage: integer('nudge_stage').notNull().default(0),
  },
  (t) => [
    uniqueIndex('notice_recipients_unique').on(t.noticeId, t.memberId),
    // With the notice: a member's notices (what search lets them find) read from the index alone.
    index('notice_recipients_member_idx').on(t.memberId, t.noticeId),
    // An organisation's notices, newest first (the dashboard's list for a secretary), without
    // reading the recipients of the whole bloc.
    index('notice_recipients_branch_idx').on(t.branchId, t.noticeId),
    // The few recipients the acknowledgement nudges still have to look at (see NoticeService.nudge).
    index('notice_recipients_pending_idx')
      .on(t.noticeId)
      .where(sql`acknowledged_at is null and nudge_stage < 2`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Meetings, their series, attendance, and the branches' reminder settings.

export const MEETING_KINDS = ['regular', 'thematic', 'committee', 'briefing', 'congress', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATUSES = ['draft', 'scheduled', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface MeetingDocument {
  fileId: string;
  name: string;
  kind: 'document' | 'photo';
}

/** A recurring meeting: its occurrences are materialised as meeting rows ahead of time. */
export const meetingSeries = sqliteTable('meeting_series', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  branchId: integer('branch_id').references(() => branches.id),
  kind: text('kind', { enum: MEETING_KINDS }).notNull(),
  title: text('title').notNull(),
  combinedThematic: integer('combined_thematic', { mode: 'boolean' }).notNull().default(false),
  /** domain/recurrence.ts RecurrenceRule */
  rule: text('rule', { mode: 'json' }).notNull(),
  hour: integer('hour').notNull(),
  minute: integer('minute').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  location: text('location').notNull().default(''),
  agenda: text('agenda').notNull().default(''),
  startDate: text('start_date').notNull(),
  endDate: text('end_date'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdByMemberId: integer('created_by_member_id').references(() => members.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id').references(() => meetingSeries.id),
    /** For an occurrence of a series: its local date in the series ('YYYY-MM-DD'). */
    occurrenceDate: text('occurrence_date'),
    /** Moved or cancelled on its own: later edits of the series leave it alone. */
    detached: integer('detached', { mode: 'boolean' }).notNull().default(false),
    /** Null: a meeting of the whole bloc. */
    branchId: integer('branch_id').references(() => branches.id),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    title: text('title').notNull(),
    combinedThematic: integer('combined_thematic', { mode: 'boolean' }).notNull().default(false),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    location: text('location').notNull().default(''),
    agenda: text('agenda').notNull().default(''),
    documents: text('documents', { mode: 'json' }).$type<MeetingDocument[]>().notNull().default([]),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('draft'),
    /** When it got its current time: reminders that fell due before this are not sent. */
    timeSetAt: integer('time_set_at', { mode: 'timestamp_ms' }),
    createdByMemberId: integer('created_by_member_id').references(() => members.id),
    attendanceRate: integer('attendance_rate'),
    attendanceTakenAt: integer('attendance_taken_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meetings_starts_idx').on(t.status, t.startsAt),
    index('meetings_branch_idx').on(t.branchId, t.startsAt),
    uniqueIndex('meetings_occurrence_idx').on(t.seriesId, t.occurrenceDate),
  ],
);

export const RSVP_RESPONSES = ['yes', 'no'] as const;

export const meetingRsvps = sqliteTable(
  'meeting_rsvps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    response: text('response', { enum: RSVP_RESPONSES }).notNull(),
    reason: text('reason'),
    /** The prompt asking for the reason (a message in the member's private chat): only a reply to it is the reason. */
    reasonPromptMessageId: integer('reason_prompt_message_id'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('meeting_rsvps_unique').on(t.meetingId, t.memberId)],
);

export const ATTENDANCE_STATUSES = ['present', 'excused', 'unexcused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const attendance = sqliteTable(
  'attendance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    reason: text('reason'),
    recordedByMemberId: integer('recorded_by_member_id').references(() => members.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('attendance_unique').on(t.meetingId, t.memberId), index('attendance_member_idx').on(t.memberId)],
);

/** The Charter's rule: three unexcused absences in a year are flagged to the secretary, once. */
export const absenceFlags = sqliteTable(
  'absence_flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    year: integer('year').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('absence_flags_unique').on(t.memberId, t.year)],
);

export const branchSettings = sqliteTable('branch_settings', {
  branchId: integer('branch_id')
    .primaryKey()
    .references(() => branches.id),
  /** Minutes before a meeting; default 1 day and 2 hours. */
  reminderOffsets: text('reminder_offsets', { mode: 'json' }).$type<number[]>(),
});

// ---------------------------------------------------------------------------------------------
// Congress resolutions, their indicators (numeric targets) and the branches' reports.

export const INDICATOR_KINDS = ['yearly_percent', 'term_count', 'yearly_count', 'percent_by_date', 'upper_bound'] as const;
export type IndicatorKindName = (typeof INDICATOR_KINDS)[number];

export const resolutions = sqliteTable('resolutions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Who passed it, e.g. "Đảng bộ Khối". */
  level: text('level').notNull().default('bloc'),
  termStartYear: integer('term_start_year').notNull(),
  termEndYear: integer('term_end_year').notNull(),
  /** The term whose indicators /chitieu shows; one at a time. */
  current: integer('current', { mode: 'boolean' }).notNull().default(false),
  /** A closed term takes no more reports. */
  closed: integer('closed', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resolutionId: integer('resolution_id')
      .notNull()
      .references(() => resolutions.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The resolution's own words. */
    sourceText: text('source_text').notNull().default(''),
    unit: text('unit').notNull().default(''),
    kind: text('kind', { enum: INDICATOR_KINDS }).notNull(),
    target: integer('target').notNull(),
    /** percent_by_date: the year by whose end the target is due. */
    targetYear: integer('target_year'),
    /** What the numerator and denominator count (percent kinds), for the report form. */
    numeratorLabel: text('numerator_label').notNull().default(''),
    denominatorLabel: text('denominator_label').notNull().default(''),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('indicators_code_idx').on(t.resolutionId, t.code)],
);

/**
 * A branch's figures for an indicator and a quarter ('2026-Q3'). A correction adds a row and
 * marks the earlier one superseded, so the history stays.
 */
export const indicatorReports = sqliteTable(
  'indicator_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    branchId: integer('branch_id')
      .notNull()
      .references(() => branches.id),
    period: text('period').notNull(),
    numerator: integer('numerator').notNull(),
    denominator: integer('denominator'),
    note: text('note'),
    reportedByMemberId: integer('reported_by_member_id').references(() => members.id),
    reportedAt: integer('reported_at', { mode: 'timestamp_ms' }).notNull(),
    supersededAt: integer('superseded_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('indicator_reports_lookup_idx').on(t.indicatorId, t.period),
    uniqueIndex('indicator_reports_current_idx')
      .on(t.indicatorId, t.branchId, t.period)
      .where(sql`superseded_at is null`),
  ],
);

/**
 * A member's calendar subscription: the address calendar apps refresh (/lichics). Only the SHA-256
 * of the secret token is kept; the token itself is shown once, in the member's private chat. One
 * per member: making a new one replaces the old, and deleting the row revokes it at once.
 */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  memberId: integer('member_id')
    .notNull()
    .unique()
    .references(() => members.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  /** The Telegram account it was given to: once the member is linked to another (or none), it answers no more. */
  telegramUserId: integer('telegram_user_id').notNull(),
  createdAt: createdAt(),
});

/**
 * One row whose number the triggers that keep the search index (drizzle/0008_search_without_app_functions.sql)
 * raise whenever they change it, through this app or any other SQLite client (drizzle/0014_search_version.sql):
 * the search service keeps what it read from the index for as long as the number stays the same.
 */
export const searchVersion = sqliteTable('search_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
});
