import esAnalytics from "./es/analytics.json";
import esAuth from "./es/auth.json";
import esChampions from "./es/champions.json";
import esCohorts from "./es/cohorts.json";
import esCommon from "./es/common.json";
import esContent from "./es/content.json";
import esConversations from "./es/conversations.json";
import esConversions from "./es/conversions.json";
import esDelivery from "./es/delivery.json";
import esExperience from "./es/experience.json";
import esGuidelines from "./es/guidelines.json";
import esIdentity from "./es/identity.json";
import esIdeas from "./es/ideas.json";
import esInfluence from "./es/influence.json";
import esLeaderboard from "./es/leaderboard.json";
import esMail from "./es/mail.json";
import esNotifications from "./es/notifications.json";
import esOnboarding from "./es/onboarding.json";
import esPasswordReset from "./es/password-reset.json";
import esPeople from "./es/people.json";
import esPeopleSync from "./es/people-sync.json";
import esPublic from "./es/public.json";
import esResults from "./es/results.json";
import esScoring from "./es/scoring.json";
import esSharing from "./es/sharing.json";
import esWorkshops from "./es/workshops.json";
import enAnalytics from "./en/analytics.json";
import enAuth from "./en/auth.json";
import enChampions from "./en/champions.json";
import enCohorts from "./en/cohorts.json";
import enCommon from "./en/common.json";
import enContent from "./en/content.json";
import enConversations from "./en/conversations.json";
import enConversions from "./en/conversions.json";
import enDelivery from "./en/delivery.json";
import enExperience from "./en/experience.json";
import enGuidelines from "./en/guidelines.json";
import enIdentity from "./en/identity.json";
import enIdeas from "./en/ideas.json";
import enInfluence from "./en/influence.json";
import enLeaderboard from "./en/leaderboard.json";
import enMail from "./en/mail.json";
import enNotifications from "./en/notifications.json";
import enOnboarding from "./en/onboarding.json";
import enPasswordReset from "./en/password-reset.json";
import enPeople from "./en/people.json";
import enPeopleSync from "./en/people-sync.json";
import enPublic from "./en/public.json";
import enResults from "./en/results.json";
import enScoring from "./en/scoring.json";
import enSharing from "./en/sharing.json";
import enWorkshops from "./en/workshops.json";
import esGuardrails from "./es/guardrails.json";
import enGuardrails from "./en/guardrails.json";

/** One namespace; each feature's strings live under a top-level key named after its file (common.json at the top level). */
export const resources = {
  es: {
    translation: {
      ...esCommon,
      analytics: esAnalytics,
      auth: esAuth,
      champions: esChampions,
      cohorts: esCohorts,
      content: esContent,
      conversations: esConversations,
      conversions: esConversions,
      delivery: esDelivery,
      experience: esExperience,
      guidelines: esGuidelines,
      identity: esIdentity,
      ideas: esIdeas,
      influence: esInfluence,
      leaderboard: esLeaderboard,
      mail: esMail,
      notifications: esNotifications,
      onboarding: esOnboarding,
      passwordReset: esPasswordReset,
      people: esPeople,
      peopleSync: esPeopleSync,
      public: esPublic,
      results: esResults,
      scoring: esScoring,
      sharing: esSharing,
      workshops: esWorkshops,
      guardrails: esGuardrails,
    },
  },
  en: {
    translation: {
      ...enCommon,
      analytics: enAnalytics,
      auth: enAuth,
      champions: enChampions,
      cohorts: enCohorts,
      content: enContent,
      conversations: enConversations,
      conversions: enConversions,
      delivery: enDelivery,
      experience: enExperience,
      guidelines: enGuidelines,
      identity: enIdentity,
      ideas: enIdeas,
      influence: enInfluence,
      leaderboard: enLeaderboard,
      mail: enMail,
      notifications: enNotifications,
      onboarding: enOnboarding,
      passwordReset: enPasswordReset,
      people: enPeople,
      peopleSync: enPeopleSync,
      public: enPublic,
      results: enResults,
      scoring: enScoring,
      sharing: enSharing,
      workshops: enWorkshops,
      guardrails: enGuardrails,
    },
  },
} as const;
