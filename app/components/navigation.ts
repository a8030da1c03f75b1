import type { Role } from "#db/schema";

export interface NavItem {
  to: string;
  /** Translation key of the label. */
  label: string;
  /** Who sees the link; empty means every signed-in person. */
  roles: Role[];
}

export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "nav.home", roles: [] },
  { to: "/feed", label: "content.nav.feed", roles: [] },
  { to: "/shares", label: "sharing.nav.myShares", roles: [] },
  { to: "/ideas", label: "content.nav.ideas", roles: [] },
  { to: "/board", label: "ideas.nav.board", roles: [] },
  { to: "/conversations", label: "conversations.nav.mine", roles: [] },
  { to: "/guidelines", label: "guidelines.nav.read", roles: [] },
  { to: "/workshops", label: "workshops.nav.workshops", roles: [] },
  { to: "/leaderboard", label: "leaderboard.nav.leaderboard", roles: [] },
  { to: "/manage/content", label: "content.nav.content", roles: ["editor"] },
  { to: "/manage/campaigns", label: "content.nav.campaigns", roles: ["editor"] },
  { to: "/manage/ideas", label: "content.nav.ideasInbox", roles: ["editor"] },
  { to: "/review", label: "content.nav.review", roles: ["reviewer"] },
  { to: "/manage/guidelines", label: "guidelines.nav.manage", roles: ["editor", "hr", "admin"] },
  { to: "/manage/workshops", label: "workshops.nav.manage", roles: ["editor", "hr", "admin"] },
  { to: "/care", label: "conversations.nav.queue", roles: ["care", "admin"] },
  { to: "/hr/onboarding", label: "onboarding.nav.dashboard", roles: ["hr", "admin"] },
  { to: "/analytics", label: "leaderboard.nav.analytics", roles: ["editor", "hr", "admin"] },
  { to: "/admin/people", label: "nav.people", roles: ["admin", "hr"] },
  { to: "/admin/cohorts", label: "cohorts.nav.cohorts", roles: ["admin", "hr"] },
  { to: "/admin/departments", label: "nav.departments", roles: ["admin"] },
  { to: "/admin/outbox", label: "nav.outbox", roles: ["admin"] },
  { to: "/admin/scoring", label: "nav.scoring", roles: ["admin"] },
  { to: "/admin/conversions", label: "conversions.nav.admin", roles: ["admin"] },
  { to: "/admin/care", label: "conversations.nav.settings", roles: ["admin"] },
  { to: "/admin/delivery", label: "delivery.nav", roles: ["admin"] },
  { to: "/admin/sso", label: "identity.nav.sso", roles: ["admin"] },
  { to: "/admin/audit", label: "identity.nav.audit", roles: ["admin"] },
  { to: "/settings", label: "nav.settings", roles: [] },
];

export const navItemsFor = (roles: Role[]) =>
  NAV_ITEMS.filter((item) => item.roles.length === 0 || item.roles.some((r) => roles.includes(r)));
