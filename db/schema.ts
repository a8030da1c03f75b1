import type { ColumnType, Generated, Selectable } from "kysely";

/** Every timestamp is epoch milliseconds, so SQLite and PostgreSQL agree. */
type Timestamp = number;
/** Booleans are stored as 0/1 integers on both dialects. */
type Flag = number;

export const ROLES = ["employee", "editor", "reviewer", "hr", "care", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["es", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type UserStatus = "invited" | "active" | "deactivated";

export interface DepartmentTable {
  id: string;
  name: string;
  created_at: Timestamp;
  /** The people import that created this department while it runs. */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  department_id: string | null;
  locale: Locale | null;
  status: UserStatus;
  created_at: Timestamp;
  activated_at: Timestamp | null;
  deactivated_at: Timestamp | null;
  /** 1 when the person asked to appear anonymised on public leaderboards. */
  leaderboard_opt_out: ColumnType<Flag, Flag | undefined, Flag>;
  /** How often the personal digest is mailed. */
  digest_frequency: ColumnType<DigestFrequency, DigestFrequency | undefined, DigestFrequency>;
  /** How urgent ("notify now") items reach the person: mail and the bell, mail only, or the bell only. */
  alert_channel: ColumnType<AlertChannel, AlertChannel | undefined, AlertChannel>;
  /** The import that created this person while it runs (an import that fails removes them). */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export const DIGEST_FREQUENCIES = ["off", "daily", "weekly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export const ALERT_CHANNELS = ["both", "mail", "app"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

export const SHARE_CHANNELS = ["feed", "digest", "alert", "teams", "slack"] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

export interface UserRoleTable {
  user_id: string;
  role: Role;
}

export interface SessionTable {
  /** SHA-256 of the session token held in the cookie; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  /** When the person signed in: the session ends SESSION_MAX_DAYS later however active it is. */
  created_at: Timestamp;
}

export interface InvitationTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token sent by mail. */
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** JSON object of extra headers sent with it (List-Unsubscribe…), or null. */
  headers: ColumnType<string | null, string | null | undefined, string | null>;
  /** "smtp" when handed to the SMTP server, "outbox" when kept here only. */
  transport: "smtp" | "outbox";
  error: string | null;
  created_at: Timestamp;
  /** pending: to send (again at next_attempt_at); held: waits for its import; sent; failed: gave up; kept: no transport. */
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type OutboxStatus = "pending" | "held" | "sent" | "failed" | "kept";

export type ImportStatus = "running" | "done" | "failed";

export interface PeopleImportTable {
  id: string;
  created_by: string;
  filename: string;
  status: ImportStatus;
  total_rows: number;
  imported_rows: number;
  /** JSON array of { line, email, errors[] } for the rows that were not imported. */
  error_report: string;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  /** Translation key of why the import failed as a whole. */
  failure: ColumnType<string | null, string | null | undefined, string | null>;
  heartbeat_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export type PeopleSyncStatus = "previewed" | "applied" | "discarded";

export interface PeopleSyncTable {
  id: string;
  created_by: string | null;
  filename: string;
  status: PeopleSyncStatus;
  /** 1 when the admin said the file is the whole company (people missing from it are deactivated). */
  whole_company: Flag;
  /** The previewed plan (see app/models/people/sync-plan.server.ts), applied exactly as shown. */
  plan_json: string;
  /** Hash of the people and departments the plan was computed from; applying refuses when it changed. */
  people_hash: string;
  created_at: Timestamp;
  applied_at: Timestamp | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export const POINT_ACTIONS = [
  "share",
  "unique_click",
  "workshop_completed",
  "guideline_acknowledged",
  "idea_accepted",
  "report_actionable",
  "conversion",
] as const;
export type PointAction = (typeof POINT_ACTIONS)[number];

export interface PointRuleTable {
  id: string;
  action: PointAction;
  points: number;
  /** For unique_click: the most points one share can earn from clicks. */
  cap: number | null;
  effective_from: Timestamp;
  created_by: string | null;
}

export interface PointsLedgerTable {
  id: Generated<number>;
  user_id: string;
  action: PointAction;
  points: number;
  reference_type: string;
  reference_id: string;
  created_at: Timestamp;
}

export type PeriodKind = "week" | "month" | "quarter" | "all" | "campaign";

export interface ScoreBucketTable {
  period_kind: PeriodKind;
  period_key: string;
  user_id: string;
  department_id: string | null;
  points: ColumnType<number, number | undefined, number>;
  shares: ColumnType<number, number | undefined, number>;
  unique_clicks: ColumnType<number, number | undefined, number>;
}

export type RollupDimension = "all" | "item" | "person" | "department" | "campaign";
export type RollupGrain = "day" | "week" | "month" | "year";

/** Shares per entry channel and period (grains and periods as in analytics_rollups). */
export interface ChannelRollupTable {
  grain: RollupGrain;
  period: string;
  channel: ShareChannel;
  shares: ColumnType<number, number | undefined, number>;
}

export interface AnalyticsRollupTable {
  dimension: RollupDimension;
  grain: RollupGrain;
  /** Local date of the period's first day: YYYY-MM-DD (day, week from Monday), YYYY-MM (month) or YYYY (year). */
  period: string;
  /** Item, person, department or campaign id; "" for none and for dimension "all". */
  key: string;
  network: string;
  shares: ColumnType<number, number | undefined, number>;
  reach: ColumnType<number, number | undefined, number>;
  clicks: ColumnType<number, number | undefined, number>;
  unique_clicks: ColumnType<number, number | undefined, number>;
  ambassadors: ColumnType<number, number | undefined, number>;
}

/**
 * Shares, reach and clicks per person, item, grain, period and network (migration 2026-12-05T5000),
 * kept with analytics_rollups; the cohort filter of analytics reads its members' rows.
 */
/** Shares to date of a person or an item, on each local day they were shared (analytics/running-totals.server.ts). */
export interface ShareRunningTotalTable {
  dimension: "person" | "item";
  key: string;
  /** Local day, YYYY-MM-DD. */
  day: string;
  /** Every share of the key up to and including the day. */
  shares_to_date: number;
}

export interface PersonItemRollupTable {
  user_id: string;
  grain: RollupGrain;
  period: string;
  /** "" for a click on a link without an item. */
  item_id: string;
  network: string;
  shares: ColumnType<number, number | undefined, number>;
  reach: ColumnType<number, number | undefined, number>;
  clicks: ColumnType<number, number | undefined, number>;
  unique_clicks: ColumnType<number, number | undefined, number>;
}

/** People per gap between consecutive share days (migration 2026-12-04T1000; analytics/sharing-gaps.server.ts). */
export interface SharingGapTable {
  /**
   * "all"; "department" (key: the person's current department id, "" for none); "ambassador": the
   * people who are certified ambassadors now (onboarding_progress active and ambassador), key "".
   */
  scope: "all" | "department" | "ambassador";
  key: string;
  /** Local day of the next share, YYYY-MM-DD; "~" after the last one. */
  next_day: string;
  /** Local day of the previous share; "" before the first one. */
  prev_day: string;
  people: ColumnType<number, number | undefined, number>;
}

export const CONVERSION_KINDS = ["lead", "signup", "sale"] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];
export type ConversionSource = "webhook" | "csv";

export interface ConversionTable {
  id: string;
  /** The sender's id for the event; a second event with the same id is the same event. */
  event_id: string;
  link_id: string;
  kind: ConversionKind;
  /** Minor units in the organisation's currency (the EMV currency); null when no value was given. */
  value_cents: number | null;
  currency: string | null;
  occurred_at: Timestamp;
  source: ConversionSource;
  received_at: Timestamp;
}

export interface ConversionRollupTable {
  dimension: RollupDimension;
  grain: RollupGrain;
  period: string;
  key: string;
  network: string;
  conversions: ColumnType<number, number | undefined, number>;
  leads: ColumnType<number, number | undefined, number>;
  signups: ColumnType<number, number | undefined, number>;
  sales: ColumnType<number, number | undefined, number>;
  value_cents: ColumnType<number, number | undefined, number>;
}

export interface LinkConversionTotalTable {
  link_id: string;
  conversions: ColumnType<number, number | undefined, number>;
  value_cents: ColumnType<number, number | undefined, number>;
}

export interface ConversionWebhookReplayTable {
  signature_hash: string;
  seen_at: Timestamp;
}

export interface TrackedLinkTable {
  id: string;
  /** The public short code in /l/<code>. */
  code: string;
  user_id: string;
  item_id: string;
  network: string;
  /** The item's destination with UTM parameters, fixed when the link was made. */
  destination_url: string;
  /** Points this link has earned from unique clicks so far (capped per share). */
  click_points: number;
  created_at: Timestamp;
  /** When a share with this link last scored: the 24-hour re-share rule. */
  share_scored_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface LinkClickTable {
  id: Generated<number>;
  link_id: string;
  clicked_at: Timestamp;
  /** Local date (organisation time zone) the click belongs to, YYYY-MM-DD. */
  day: string;
  /** SHA-256 of the day's random salt, the IP address and the user agent; raw addresses are never stored. */
  visitor_hash: string;
  is_unique: Flag;
  is_self: Flag;
  /** 0 when the item had expired: the click is kept but earns nothing. */
  counted: Flag;
  points: number;
}

export interface LinkVisitorTable {
  link_id: string;
  day: string;
  visitor_hash: string;
}

/** A click answered by the redirect and not yet written by the batch writer (deleted when it is). */
export interface ClickInboxTable {
  id: Generated<number>;
  link_id: string;
  clicked_at: Timestamp;
  ip: string;
  user_agent: string;
  /** SHA-256 of the visitor's session token (the session's id), to spot the sharer's own clicks. */
  session_id: string | null;
}

export interface LinkNetworkTable {
  link_id: string;
  day: string;
  network_hash: string;
  unique_clicks: number;
}

/** rate-limiter-flexible's PostgreSQL store (login throttling shared by every instance). */
export interface RateLimitTable {
  key: string;
  points: number;
  expire: number | null;
}

export interface VisitorSaltTable {
  day: string;
  salt: string;
  created_at: Timestamp;
}

export interface FollowerCountTable {
  user_id: string;
  network: string;
  followers: number;
  updated_at: Timestamp;
}

export const CONTENT_STATUSES = ["draft", "in_review", "changes_requested", "approved", "published", "expired", "archived"] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export interface CampaignTable {
  id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  goal: string | null;
  /** A target number of shares (e.g. 500), for challenges and progress bars. */
  goal_shares: number | null;
  /** Goals in unique clicks and in conversions, shown as progress from the rollups. */
  goal_unique_clicks: ColumnType<number | null, number | null | undefined, number | null>;
  goal_conversions: ColumnType<number | null, number | null | undefined, number | null>;
  /** Optional budget in minor units of budget_currency, for cost per lead. */
  budget_cents: ColumnType<number | null, number | null | undefined, number | null>;
  budget_currency: ColumnType<string | null, string | null | undefined, string | null>;
  starts_at: Timestamp;
  /** Exclusive: the start of the day after the campaign's last day. */
  ends_at: Timestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContentItemTable {
  id: string;
  title: string;
  commentary_md: ColumnType<string, string | undefined, string>;
  destination_url: string;
  image_url: string | null;
  language: Locale;
  /** Space-separated, each with its "#". */
  hashtags: ColumnType<string, string | undefined, string>;
  /** Title and commentary lower-cased without accents, for search that behaves the same on both dialects. */
  search_text: ColumnType<string, string | undefined, string>;
  status: ContentStatus;
  publish_at: Timestamp | null;
  expire_at: Timestamp | null;
  campaign_id: string | null;
  created_by: string | null;
  updated_by: string | null;
  /** The person whose idea this item came from. */
  proposed_by: string | null;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 1: an urgent item, alerted to its audience at publication (within the weekly cap). */
  notify_now: ColumnType<Flag, Flag | undefined, Flag>;
  /** When its publication alerts (and channel posts) were queued: once. */
  alerted_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** What became of "notify now" at publication: alerted (within the weekly cap) or capped; null before. */
  urgent_outcome: ColumnType<UrgentOutcome | null, UrgentOutcome | null | undefined, UrgentOutcome | null>;
}

export type UrgentOutcome = "alerted" | "capped";

export interface ContentShareTextTable {
  item_id: string;
  network: "linkedin" | "x" | "facebook" | "whatsapp" | "email";
  text: string;
  /** Email only. */
  subject: string | null;
}

/** A phrase edited share texts may not contain, optionally tied to a rule of the published decálogo. */
export interface ShareBlockedPhraseTable {
  id: string;
  phrase: string;
  /** Lower case without accents, white space collapsed: what the text is matched against (unique). */
  folded: string;
  /** The rule's number in the current published social media guideline. */
  rule_number: number | null;
  /** The rule as the admin wrote it (used instead of the number when set). */
  rule_text: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** The disclosure every post on the network must keep. */
export interface ShareDisclosureTable {
  network: ContentShareTextTable["network"];
  text: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A reviewer locked this item's text on this network: it is shared exactly as written. */
export interface ContentTextLockTable {
  item_id: string;
  network: ContentShareTextTable["network"];
  locked_by: string | null;
  locked_at: Timestamp;
}

/** The commentary and share texts (JSON: network → {text, subject}) a reviewer last approved. */
export interface ContentApprovedVersionTable {
  item_id: string;
  commentary_md: string;
  share_texts_json: string;
  approved_by: string | null;
  approved_at: Timestamp;
}

/** Approved texts beyond the first (variant 1 is content_share_texts), numbered 2, 3… per network. */
export interface ContentShareVariantTable {
  item_id: string;
  network: ContentShareTextTable["network"];
  variant: number;
  text: string;
}

/** Shares per variant of an item's network text, kept in the share's transaction. */
export interface ShareVariantUseTable {
  item_id: string;
  network: string;
  variant: number;
  shares: number;
}

/** Posts of a variant's exact text per local day. */
export interface ShareVariantDayTable {
  item_id: string;
  network: string;
  variant: number;
  day: string;
  shares: number;
}

export interface ContentTopicTable {
  item_id: string;
  topic: string;
}

/** No rows for an item means it is for every department. */
export interface ContentTargetTable {
  item_id: string;
  department_id: string;
}

export interface ContentTransitionTable {
  id: string;
  item_id: string;
  /** 1, 2, 3… per item: the order of transitions even when two share a millisecond. */
  seq: number;
  from_status: ContentStatus | null;
  to_status: ContentStatus;
  /** null for the scheduler's publish/expire transitions. */
  actor_id: string | null;
  comment: string | null;
  at: Timestamp;
}

export type IdeaKind = "url" | "post";
/** "pending" is a new idea on the board; "accepted" means an editor turned a content idea into a draft. */
export type IdeaStatus = "pending" | "under_review" | "planned" | "done" | "accepted" | "declined";
/** What an idea is about on the board: something to share, the customers' experience, or how we work. */
export type IdeaTopic = "content" | "customer" | "work";

export interface IdeaTable {
  id: string;
  proposer_id: string;
  kind: IdeaKind;
  url: string | null;
  /** The proposed post, for kind "post". */
  text: string | null;
  /** Why it is worth sharing. */
  reason: string | null;
  status: IdeaStatus;
  decline_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  content_item_id: string | null;
  created_at: Timestamp;
  topic: ColumnType<IdeaTopic, IdeaTopic | undefined, IdeaTopic>;
  /** 1: colleagues do not see who proposed it (editors still do). */
  anonymous: ColumnType<Flag, Flag | undefined, Flag>;
  /** Running counts kept by the vote and comment writes. */
  vote_count: ColumnType<number, number | undefined, number>;
  comment_count: ColumnType<number, number | undefined, number>;
  /** "What we did", written by an editor. */
  outcome: ColumnType<string | null, string | null | undefined, string | null>;
  status_changed_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** The group a champion proposed it for (one cohort or one department); its draft is targeted there. */
  for_cohort_id: ColumnType<string | null, string | null | undefined, string | null>;
  for_department_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IdeaVoteTable {
  idea_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface IdeaCommentTable {
  id: string;
  idea_id: string;
  author_id: string | null;
  body: string;
  created_at: Timestamp;
  hidden_by: string | null;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
}

/** A wave of the programme; its people are cohort_people plus everyone in cohort_departments. */
/** People and active people per department ("" = none), kept by triggers on users (migration 2026-12-06T3010). */
export interface DepartmentPeopleTable {
  department_id: string;
  people: number;
  active: number;
}

export interface CohortTable {
  id: string;
  name: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  /** Goals; null means none set. Participation is the percentage of its people who shared. */
  goal_participation: number | null;
  goal_shares: number | null;
  goal_unique_clicks: number | null;
  goal_conversions: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: string | null;
  created_at: Timestamp;
  /** Graduation: 1 when finishing onboarding is required; at least so many shares / unique clicks in its weeks (null: none). */
  graduation_onboarded: ColumnType<number, number | undefined, number>;
  graduation_shares: number | null;
  graduation_unique_clicks: number | null;
}

/** The opening of a wave, once: its pilot, who opened it and what it did. */
export interface CohortWaveOpeningTable {
  cohort_id: string;
  pilot_cohort_id: string;
  opened_by: string | null;
  opened_at: Timestamp;
  invited: number;
  champions: number;
}

/** A champion of one cohort or one department (exactly one of the two is set). */
export interface ChampionTable {
  id: string;
  user_id: string;
  cohort_id: string | null;
  department_id: string | null;
  granted_by: string | null;
  granted_at: Timestamp;
}

export interface CohortDepartmentTable {
  cohort_id: string;
  department_id: string;
}

export interface CohortPersonTable {
  cohort_id: string;
  user_id: string;
}

/** Content targeted at a cohort (alongside content_targets' departments). */
export interface ContentCohortTargetTable {
  item_id: string;
  cohort_id: string;
}

/**
 * Who a required guideline (by document) or workshop is required of: with no department and no cohort
 * rows it is everyone; otherwise the people of these departments and of these cohorts.
 */
export interface GuidelineRequiredDepartmentTable {
  document_id: string;
  department_id: string;
}

export interface GuidelineRequiredCohortTable {
  document_id: string;
  cohort_id: string;
}

export interface WorkshopRequiredDepartmentTable {
  workshop_id: string;
  department_id: string;
}

export interface WorkshopRequiredCohortTable {
  workshop_id: string;
  cohort_id: string;
}

/** One share of an item by a person on a network. */
export interface ShareTable {
  id: string;
  user_id: string;
  item_id: string;
  network: string;
  created_at: Timestamp;
  /** The final text the person shared, with their tracked link ("" for shares recorded before it was kept). */
  text: ColumnType<string, string | undefined, string>;
  /** The tracked link the share carried. */
  link_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The sharer's followers on that network when they shared: the share's reach. */
  reach: ColumnType<number, number | undefined, number>;
  /** 1 when the share scored (wrote its ledger row); a re-share within 24 h is recorded with 0. */
  scored: ColumnType<Flag, Flag | undefined, Flag>;
  /** The share dialog's entry point: which channel brought the share. */
  channel: ColumnType<ShareChannel, ShareChannel | undefined, ShareChannel>;
}

export const GUIDELINE_VERSION_STATUSES = ["draft", "published", "superseded"] as const;
export type GuidelineVersionStatus = (typeof GUIDELINE_VERSION_STATUSES)[number];

/** A guideline document (e.g. the social media decálogo); its text lives in versions. */
export interface GuidelineDocumentTable {
  id: string;
  /** Stable name, also the content file's name: content/guidelines/<slug>.<language>.md. */
  slug: string;
  /** 1 when every employee must acknowledge its current version before sharing. */
  required: Flag;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GuidelineVersionTable {
  id: string;
  document_id: string;
  /** 1, 2, 3… per document. */
  version: number;
  status: GuidelineVersionStatus;
  /** SHA-256 over the text hashes of every language, to tell whether a content file changed. */
  content_hash: string;
  /** "sync" when written by the content sync (and untouched since), "editor" when edited in the app. */
  source: "sync" | "editor";
  change_note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: Timestamp | null;
  superseded_at: Timestamp | null;
  /** JSON array of the languages the publisher declared need no change (their text equals the previous version's). */
  unchanged_languages: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One language's text of a version; rules_json holds [{ title, body, do[], dont[] }] (markdown source). */
export interface GuidelineVersionTextTable {
  version_id: string;
  language: Locale;
  title: string;
  introduction_md: string;
  rules_json: string;
  /** SHA-256 of this language's exact text: what an acknowledgement of it records. */
  text_hash: string;
}

export interface GuidelineAcknowledgementTable {
  id: string;
  user_id: string;
  document_id: string;
  version_id: string;
  /** The language the person read and accepted. */
  language: Locale;
  /** text_hash of the text accepted. */
  text_hash: string;
  acknowledged_at: Timestamp;
  /** The previous version whose acknowledgement was carried over, its language's text being unchanged. */
  carried_from_version_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface GuidelineReminderTable {
  id: string;
  document_id: string;
  version_id: string;
  user_id: string;
  sent_by: string | null;
  sent_at: Timestamp;
}

export const WORKSHOP_VERSION_STATUSES = ["draft", "published", "superseded"] as const;
export type WorkshopVersionStatus = (typeof WORKSHOP_VERSION_STATUSES)[number];

/** A training workshop; its texts and settings live in versions (draft → published → superseded). */
export interface WorkshopTable {
  id: string;
  /** Stable name, also the content file's name: content/workshops/<slug>.<language>.md. */
  slug: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkshopVersionTable {
  id: string;
  workshop_id: string;
  /** 1, 2, 3… per workshop. */
  version: number;
  status: WorkshopVersionStatus;
  /** 1 when every person must complete it to finish onboarding. */
  required: Flag;
  /** Days after joining by which a required workshop is due (null: no due date). */
  due_days: number | null;
  duration_minutes: number;
  /** Quiz pass mark in percent (0–100); unused when the quiz has no questions. */
  pass_mark: number;
  /** Quiz attempts allowed per person for this version (null: unlimited). */
  max_attempts: number | null;
  /** SHA-256 over every language's text and the settings, to tell whether a content file changed. */
  content_hash: string;
  source: "sync" | "editor";
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: Timestamp | null;
  superseded_at: Timestamp | null;
}

/** One language's text of a workshop version; the JSON columns hold markdown sources. */
export interface WorkshopVersionTextTable {
  version_id: string;
  language: Locale;
  title: string;
  summary: string;
  introduction_md: string;
  /** [{ title, body }] */
  lessons_json: string;
  /** [{ title, outcome: "success" | "failure", body }] */
  case_studies_json: string;
  /** [{ question, kind: "single" | "multiple", options: [{ text, correct }] }]: never sent to a browser as is. */
  quiz_json: string;
  text_hash: string;
}

/** A lesson a person marked as done (lessons are numbered 1, 2, 3… in every version). */
export interface WorkshopLessonProgressTable {
  user_id: string;
  workshop_id: string;
  lesson_number: number;
  completed_at: Timestamp;
}

export interface WorkshopQuizAttemptTable {
  id: string;
  user_id: string;
  workshop_id: string;
  version_id: string;
  /** 1, 2, 3… per person and version. */
  attempt: number;
  language: Locale;
  /** [[option indexes chosen], …] per question. */
  answers_json: string;
  /** Percent of questions answered exactly right, rounded down. */
  score: number;
  passed: Flag;
  submitted_at: Timestamp;
}

export type WorkshopCompletionMethod = "quiz" | "lessons" | "attendance";

/** A person's completion of a workshop: written once, in the transaction that awards the points. */
export interface WorkshopCompletionTable {
  user_id: string;
  workshop_id: string;
  version_id: string | null;
  method: WorkshopCompletionMethod;
  completed_at: Timestamp;
}

export type WorkshopSessionMode = "in_person" | "online";

/** A live session of a workshop. */
export interface WorkshopSessionTable {
  id: string;
  workshop_id: string;
  starts_at: Timestamp;
  duration_minutes: number;
  mode: WorkshopSessionMode;
  place: string | null;
  online_url: string | null;
  capacity: number;
  /** Registrations held, kept by the model so a conditional update enforces the capacity. */
  seats_taken: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
}

export interface WorkshopRegistrationTable {
  session_id: string;
  user_id: string;
  registered_at: Timestamp;
  attended: ColumnType<Flag, Flag | undefined, Flag>;
  attendance_marked_by: string | null;
  attendance_marked_at: Timestamp | null;
  /** When the "live session tomorrow" notification was written (once). */
  reminded_at: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
}

export interface OnboardingReminderTable {
  id: string;
  user_id: string;
  sent_by: string | null;
  sent_at: Timestamp;
}

/** Where each employee (invited or active) stands in onboarding, kept by the writes that change it; the HR dashboard reads it. */
export interface OnboardingProgressTable {
  user_id: string;
  department_id: string | null;
  /** The name folded for ordering (lower case, no accents). */
  sort_name: string;
  joined_at: Timestamp;
  /** 1 active, 0 invited. */
  active: number;
  guidelines_done: number;
  /** How many required published workshops the person completed. */
  workshops_done: number;
  ambassador: number;
  started: number;
  due_at: Timestamp | null;
}

export interface AuditLogTable {
  id: string;
  /** A person's id, or "scim:<token id>" / null for the directory and the system; no foreign key. */
  actor_id: string | null;
  /** Who it was at the time (name and email, or the token's name), kept even if they are removed later. */
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string;
  before_json: string | null;
  after_json: string | null;
  created_at: Timestamp;
}

export interface UserIdentityTable {
  /** "oidc:<issuer>" for company sign-in, "scim" for the directory's externalId. */
  provider: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
}

export interface ScimTokenTable {
  id: string;
  name: string;
  /** SHA-256 of the bearer token, which is shown once and never stored. */
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token sent by mail. */
  token_hash: string;
  /** The administrator who sent the link; null when the person asked for it. */
  requested_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ThrottleWindowTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

/** An in-app notification (the bell). `kind` names its text in the notifications namespace; `params` fill it. */
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  /** JSON object of the text's parameters (strings and numbers). */
  params: string;
  /** A local path ("/feed/…") opened when the notification is clicked. */
  link: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export const CONVERSATION_KINDS = ["crisis", "complaint", "question", "provocation", "praise"] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];
export const REPORT_STATUSES = ["open", "in_progress", "resolved", "not_actionable"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportEventKind =
  "reported" | "joined" | "claimed" | "replied" | "answer_linked" | "escalated" | "breached" | "resolved" | "not_actionable" | "case_study";

export interface ConversationReportTable {
  id: string;
  /** The public URL as first reported. */
  url: string;
  /** The normalised URL: unique, so duplicate reports join the first one. */
  url_key: string;
  network: string;
  kind: ConversationKind;
  /** 0 = most urgent; the queue is ordered by urgency, then age. */
  urgency: number;
  /** The customer's public handle, if visible. */
  handle: string | null;
  status: ReportStatus;
  /** Who reported it first. */
  reporter_id: string | null;
  reporters_count: ColumnType<number, number | undefined, number>;
  /** The department it is escalated to; null while customer care holds it. */
  department_id: string | null;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  reply_note: string | null;
  /** Link to care's public answer. */
  answer_url: string | null;
  target_minutes: number;
  /** When the first-response target runs out, on the business-hours clock. */
  due_at: Timestamp;
  first_response_at: Timestamp | null;
  first_response_minutes: number | null;
  within_target: Flag | null;
  resolved_at: Timestamp | null;
  resolution_minutes: number | null;
  /** Set once, by whoever escalated the breach first. */
  breached_at: Timestamp | null;
  /** The ISO-like week key (organisation time zone) of created_at, for the dashboard. */
  week_key: string;
  case_study_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConversationReporterTable {
  report_id: string;
  user_id: string;
  note: string | null;
  answered_publicly: Flag;
  created_at: Timestamp;
}

export interface ConversationEventTable {
  id: string;
  report_id: string;
  actor_id: string | null;
  kind: ReportEventKind;
  detail: string | null;
  department_id: string | null;
  created_at: Timestamp;
}

export interface DepartmentResponderTable {
  department_id: string;
  user_id: string;
}

export interface ConversationPointDayTable {
  user_id: string;
  day_key: string;
  awarded: number;
}

export const JOB_STATUSES = ["pending", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A durable job (mail, alert, webhook post), recorded in the transaction of what caused it. */
export interface JobTable {
  id: string;
  kind: string;
  /** JSON payload read by the kind's handler. */
  payload: string;
  /** Enqueueing the same key twice keeps the first job only (unique). */
  dedupe_key: string | null;
  status: JobStatus;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  /** When it may run (next attempt after a failure). */
  run_at: Timestamp;
  /** Random token of the claim holding it; completion is fenced by it. */
  claim_token: string | null;
  /** A running job whose lease passed (its sender died) is claimed again. */
  locked_until: Timestamp | null;
  last_error: string | null;
  /** JSON outcome recorded by the handler. */
  result: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

/** A digest send slot ("daily:2026-12-07", "weekly:2026-12-07"), built in pages of people. */
export interface DigestSlotTable {
  slot: string;
  frequency: DigestFrequency;
  /** The last person (by id) whose digest is queued; "" before the first page. */
  cursor: ColumnType<string, string | undefined, string>;
  queued: ColumnType<number, number | undefined, number>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface DigestItemTable {
  user_id: string;
  item_id: string;
  slot: string;
  queued_at: Timestamp;
}

export interface UrgentWeekTable {
  /** The organisation-local week ("2026-W49"). */
  week: string;
  used: ColumnType<number, number | undefined, number>;
}

export type WebhookKind = "teams" | "slack";

export interface ChannelWebhookTable {
  id: string;
  kind: WebhookKind;
  /** null: company-wide. */
  department_id: string | null;
  label: string;
  /** AES-256-GCM of the webhook URL (it is a credential); never shown again. */
  url_encrypted: string;
  /** The host and the last characters, to recognise it. */
  url_hint: string;
  created_by: string | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface Database {
  departments: DepartmentTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  outbox: OutboxTable;
  people_imports: PeopleImportTable;
  people_syncs: PeopleSyncTable;
  settings: SettingTable;
  point_rules: PointRuleTable;
  points_ledger: PointsLedgerTable;
  score_buckets: ScoreBucketTable;
  analytics_rollups: AnalyticsRollupTable;
  department_people: DepartmentPeopleTable;
  sharing_gaps: SharingGapTable;
  person_item_rollups: PersonItemRollupTable;
  share_running_totals: ShareRunningTotalTable;
  channel_rollups: ChannelRollupTable;
  conversions: ConversionTable;
  conversion_rollups: ConversionRollupTable;
  link_conversion_totals: LinkConversionTotalTable;
  conversion_webhook_replays: ConversionWebhookReplayTable;
  tracked_links: TrackedLinkTable;
  link_clicks: LinkClickTable;
  link_visitors: LinkVisitorTable;
  visitor_salts: VisitorSaltTable;
  click_inbox: ClickInboxTable;
  link_networks: LinkNetworkTable;
  rate_limits: RateLimitTable;
  follower_counts: FollowerCountTable;
  campaigns: CampaignTable;
  content_items: ContentItemTable;
  content_share_texts: ContentShareTextTable;
  content_share_variants: ContentShareVariantTable;
  share_variant_uses: ShareVariantUseTable;
  share_variant_days: ShareVariantDayTable;
  content_topics: ContentTopicTable;
  content_targets: ContentTargetTable;
  content_transitions: ContentTransitionTable;
  ideas: IdeaTable;
  idea_votes: IdeaVoteTable;
  idea_comments: IdeaCommentTable;
  cohorts: CohortTable;
  cohort_departments: CohortDepartmentTable;
  cohort_people: CohortPersonTable;
  content_cohort_targets: ContentCohortTargetTable;
  cohort_wave_openings: CohortWaveOpeningTable;
  guideline_required_departments: GuidelineRequiredDepartmentTable;
  guideline_required_cohorts: GuidelineRequiredCohortTable;
  workshop_required_departments: WorkshopRequiredDepartmentTable;
  workshop_required_cohorts: WorkshopRequiredCohortTable;
  champions: ChampionTable;
  shares: ShareTable;
  guideline_documents: GuidelineDocumentTable;
  guideline_versions: GuidelineVersionTable;
  guideline_version_texts: GuidelineVersionTextTable;
  guideline_acknowledgements: GuidelineAcknowledgementTable;
  guideline_reminders: GuidelineReminderTable;
  workshops: WorkshopTable;
  workshop_versions: WorkshopVersionTable;
  workshop_version_texts: WorkshopVersionTextTable;
  workshop_lesson_progress: WorkshopLessonProgressTable;
  workshop_quiz_attempts: WorkshopQuizAttemptTable;
  workshop_completions: WorkshopCompletionTable;
  workshop_sessions: WorkshopSessionTable;
  workshop_registrations: WorkshopRegistrationTable;
  onboarding_reminders: OnboardingReminderTable;
  onboarding_progress: OnboardingProgressTable;
  audit_log: AuditLogTable;
  user_identities: UserIdentityTable;
  scim_tokens: ScimTokenTable;
  password_resets: PasswordResetTable;
  throttle_windows: ThrottleWindowTable;
  notifications: NotificationTable;
  jobs: JobTable;
  digest_slots: DigestSlotTable;
  digest_items: DigestItemTable;
  urgent_weeks: UrgentWeekTable;
  channel_webhooks: ChannelWebhookTable;
  conversation_reports: ConversationReportTable;
  conversation_reporters: ConversationReporterTable;
  conversation_events: ConversationEventTable;
  department_responders: DepartmentResponderTable;
  conversation_point_days: ConversationPointDayTable;
  share_blocked_phrases: ShareBlockedPhraseTable;
  share_disclosures: ShareDisclosureTable;
  content_text_locks: ContentTextLockTable;
  content_approved_versions: ContentApprovedVersionTable;
}

export type WorkshopVersion = Selectable<WorkshopVersionTable>;
export type Notification = Selectable<NotificationTable>;
export type WorkshopSession = Selectable<WorkshopSessionTable>;
export type Job = Selectable<JobTable>;
