import esCommon from "./es/common.json";
import esAuth from "./es/auth.json";
import esPeople from "./es/people.json";
import esMail from "./es/mail.json";
import esScoring from "./es/scoring.json";
import esContent from "./es/content.json";
import esGuidelines from "./es/guidelines.json";
import esLeaderboard from "./es/leaderboard.json";
import esAnalytics from "./es/analytics.json";
import esSharing from "./es/sharing.json";
import esWorkshops from "./es/workshops.json";
import esOnboarding from "./es/onboarding.json";
import esPasswordReset from "./es/password-reset.json";
import esPublic from "./es/public.json";
import enCommon from "./en/common.json";
import enAuth from "./en/auth.json";
import enPeople from "./en/people.json";
import enMail from "./en/mail.json";
import enScoring from "./en/scoring.json";
import enContent from "./en/content.json";
import enGuidelines from "./en/guidelines.json";
import enLeaderboard from "./en/leaderboard.json";
import enAnalytics from "./en/analytics.json";
import enSharing from "./en/sharing.json";
import enWorkshops from "./en/workshops.json";
import enOnboarding from "./en/onboarding.json";
import enPasswordReset from "./en/password-reset.json";
import enPublic from "./en/public.json";

/** One namespace; each feature's strings live under a top-level key named after its file. */
export const resources = {
  es: { translation: { ...esCommon, auth: esAuth, people: esPeople, mail: esMail, scoring: esScoring, content: esContent, guidelines: esGuidelines, leaderboard: esLeaderboard, analytics: esAnalytics, sharing: esSharing, workshops: esWorkshops, onboarding: esOnboarding, passwordReset: esPasswordReset, public: esPublic } },
  en: { translation: { ...enCommon, auth: enAuth, people: enPeople, mail: enMail, scoring: enScoring, content: enContent, guidelines: enGuidelines, leaderboard: enLeaderboard, analytics: enAnalytics, sharing: enSharing, workshops: enWorkshops, onboarding: enOnboarding, passwordReset: enPasswordReset, public: enPublic } },
} as const;
