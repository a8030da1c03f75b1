import { useTranslation } from "react-i18next";
import type { ShareNetwork } from "~/models/core/networks";

export interface LinkCard {
  title: string;
  imageUrl: string | null;
  destinationUrl: string;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, "");
  } catch {
    return "";
  }
}

/** The post roughly as the network will show it: the text with the link, and the link's card. */
export function PostPreview({ network, text, card }: { network: ShareNetwork; text: string; card?: LinkCard }) {
  const { t } = useTranslation();
  return (
    <figure className="post-preview" data-testid="post-preview">
      <figcaption>{t("experience.share.previewTitle", { network: t(`scoring.networks.${network}`) })}</figcaption>
      <div className="post-preview-body">
        <p className="post-preview-author">{t("experience.share.previewAuthor")}</p>
        <p className="post-preview-text">{text}</p>
        {card && network !== "email" ? (
          <div className="post-preview-card">
            {card.imageUrl ? <img src={card.imageUrl} alt="" width={400} height={210} loading="lazy" /> : null}
            <p className="post-preview-host">{hostOf(card.destinationUrl)}</p>
            <p className="post-preview-title">{card.title}</p>
          </div>
        ) : null}
      </div>
    </figure>
  );
}
