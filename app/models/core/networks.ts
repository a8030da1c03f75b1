export const SHARE_NETWORKS = ["linkedin", "x", "facebook", "whatsapp", "email"] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

export const isShareNetwork = (value: unknown): value is ShareNetwork =>
  typeof value === "string" && (SHARE_NETWORKS as readonly string[]).includes(value);
