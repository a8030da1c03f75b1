import type { WebhookKind } from "#db/schema";

export interface CardItem {
  id: string;
  title: string;
  summary: string;
  imageUrl: string | null;
  urgent: boolean;
}

export interface CardText {
  /** The button: "Share it". */
  share: string;
  /** The tag shown on urgent items. */
  urgent: string;
}

/** The share dialog for an item, entered from the channel (so its shares count for it). */
export const channelShareUrl = (origin: string, kind: WebhookKind, itemId: string) =>
  `${origin}/feed/${encodeURIComponent(itemId)}?via=${kind}#share`;

const httpImage = (url: string | null) => (url && /^https:\/\//i.test(url) ? url : null);

// Slack and Teams render their own markup from these fields: mrkdwn / Markdown control characters in
// an item's title are escaped so a title cannot turn into a link or a mention.
const slackText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const teamsText = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!<>|])/g, "\\$1");

function slackCard(item: CardItem, link: string, text: CardText) {
  const heading = `${item.urgent ? `:rotating_light: *${slackText(text.urgent)}* ` : ""}*${slackText(item.title)}*`;
  const image = httpImage(item.imageUrl);
  return {
    text: item.title,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `${heading}\n${slackText(item.summary)}` },
        ...(image ? { accessory: { type: "image", image_url: image, alt_text: item.title.slice(0, 200) } } : {}),
      },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: text.share }, url: link, style: "primary" }] },
    ],
  };
}

function teamsCard(item: CardItem, link: string, text: CardText) {
  const image = httpImage(item.imageUrl);
  return {
    "@type": "MessageCard",
    "@context": "https://schema.org/extensions",
    summary: item.title,
    themeColor: item.urgent ? "D93025" : "0B57D0",
    title: `${item.urgent ? `${teamsText(text.urgent)}: ` : ""}${teamsText(item.title)}`,
    sections: [{ text: teamsText(item.summary), ...(image ? { images: [{ image }] } : {}) }],
    potentialAction: [{ "@type": "OpenUri", name: text.share, targets: [{ os: "default", uri: link }] }],
  };
}

/** The card posted to a Slack (Block Kit) or Teams (MessageCard) incoming webhook, linking into Altavoz. */
export function channelCard(kind: WebhookKind, item: CardItem, origin: string, text: CardText): unknown {
  const link = channelShareUrl(origin, kind, item.id);
  return kind === "slack" ? slackCard(item, link, text) : teamsCard(item, link, text);
}

/** The test button's card: says the channel is connected, links to the feed. */
export function testCard(kind: WebhookKind, origin: string, text: CardText & { title: string; summary: string }): unknown {
  const item = { id: "", title: text.title, summary: text.summary, imageUrl: null, urgent: false };
  const link = `${origin}/feed`;
  return kind === "slack" ? slackCard(item, link, text) : teamsCard(item, link, text);
}
