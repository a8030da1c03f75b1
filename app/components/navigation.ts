import type { Role } from "#db/schema";

export interface NavItem {
  to: string;
  /** Translation key of the label. */
  label: string;
  /** Who sees the link; empty means every signed-in person. */
  roles: Role[];
  /** What the person does there: the menu groups links by it. */
  group: NavGroup;
}

/** The menu's groups, in the order they are shown. */
export const NAV_GROUPS = ["share", "learn", "manage", "admin", "account"] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "nav.home", roles: [], group: "share" },
  { to: "/feed", label: "content.nav.feed", roles: [], group: "share" },
  { to: "/shares", label: "sharing.nav.myShares", roles: [], group: "share" },
  { to: "/ideas", label: "content.nav.ideas", roles: [], group: "share" },
  { to: "/board", label: "ideas.nav.board", roles: [], group: "share" },
  { to: "/conversations", label: "conversations.nav.mine", roles: [], group: "share" },
  { to: "/guidelines", label: "guidelines.nav.read", roles: [], group: "learn" },
  { to: "/workshops", label: "workshops.nav.workshops", roles: [], group: "learn" },
  { to: "/leaderboard", label: "leaderboard.nav.leaderboard", roles: [], group: "share" },
  { to: "/manage/content", label: "content.nav.content", roles: ["editor"], group: "manage" },
  { to: "/manage/campaigns", label: "content.nav.campaigns", roles: ["editor"], group: "manage" },
  { to: "/manage/ideas", label: "content.nav.ideasInbox", roles: ["editor"], group: "manage" },
  { to: "/review", label: "content.nav.review", roles: ["reviewer"], group: "manage" },
  { to: "/manage/guidelines", label: "guidelines.nav.manage", roles: ["editor", "hr", "admin"], group: "manage" },
  { to: "/manage/workshops", label: "workshops.nav.manage", roles: ["editor", "hr", "admin"], group: "manage" },
  { to: "/care", label: "conversations.nav.queue", roles: ["care", "admin"], group: "manage" },
  { to: "/hr/onboarding", label: "onboarding.nav.dashboard", roles: ["hr", "admin"], group: "manage" },
  { to: "/analytics", label: "leaderboard.nav.analytics", roles: ["editor", "hr", "admin"], group: "manage" },
  { to: "/leaders", label: "influence.nav", roles: ["editor", "hr", "admin"], group: "manage" },
  { to: "/admin/people", label: "nav.people", roles: ["admin", "hr"], group: "admin" },
  { to: "/admin/cohorts", label: "cohorts.nav.cohorts", roles: ["admin", "hr"], group: "admin" },
  { to: "/admin/champions", label: "champions.nav.admin", roles: ["admin", "hr"], group: "admin" },
  { to: "/admin/departments", label: "nav.departments", roles: ["admin"], group: "admin" },
  { to: "/admin/outbox", label: "nav.outbox", roles: ["admin"], group: "admin" },
  { to: "/admin/scoring", label: "nav.scoring", roles: ["admin"], group: "admin" },
  { to: "/admin/conversions", label: "conversions.nav.admin", roles: ["admin"], group: "admin" },
  { to: "/admin/guardrails", label: "guardrails.nav", roles: ["admin"], group: "admin" },
  { to: "/admin/care", label: "conversations.nav.settings", roles: ["admin"], group: "admin" },
  { to: "/admin/delivery", label: "delivery.nav", roles: ["admin"], group: "admin" },
  { to: "/admin/sso", label: "identity.nav.sso", roles: ["admin"], group: "admin" },
  { to: "/admin/audit", label: "identity.nav.audit", roles: ["admin"], group: "admin" },
  { to: "/settings", label: "nav.settings", roles: [], group: "account" },
];

export const navItemsFor = (roles: Role[]) =>
  NAV_ITEMS.filter((item) => item.roles.length === 0 || item.roles.some((r) => roles.includes(r)));

/** The employee's main places: the bottom bar on phones. */
export const MAIN_PLACES = ["/", "/feed", "/shares", "/workshops", "/leaderboard"] as const;

/** The person's links by group, leaving out empty groups. */
export const navGroupsFor = (roles: Role[]) =>
  NAV_GROUPS.map((group) => ({ group, items: navItemsFor(roles).filter((item) => item.group === group) })).filter((g) => g.items.length);

export const mainPlaces = () => MAIN_PLACES.map((to) => NAV_ITEMS.find((item) => item.to === to)).filter((item) => item !== undefined);
