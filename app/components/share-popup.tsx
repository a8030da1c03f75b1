import { useRevalidator } from "@remix-run/react";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ShareNetwork } from "~/models/core/networks";

/** Window sizes of the networks' share pages; the others (mail, WhatsApp) open as the browser decides. */
const POPUP_SIZES: Partial<Record<ShareNetwork, { width: number; height: number }>> = {
  linkedin: { width: 600, height: 640 },
  x: { width: 600, height: 460 },
  facebook: { width: 640, height: 560 },
};
const POPUP_NAME = "altavoz-share";

/**
 * Opens the network's share page in a window of its own, so the person stays in Altavoz: the button's
 * click opens an empty window (a click may open one, a later callback may not), then the form is sent
 * into it as a normal post, whose answer redirects that window to the network. Without JavaScript the
 * form is sent in the page itself and the browser goes to the network.
 */
export function useSharePopup(network: ShareNetwork) {
  const pending = useRef(false);
  const [sentTo, setSentTo] = useState<ShareNetwork | null>(null);
  const revalidator = useRevalidator();
  const open = () => {
    const size = POPUP_SIZES[network];
    if (!size || typeof window === "undefined") return;
    const left = Math.max(0, window.screenX + (window.outerWidth - size.width) / 2);
    const top = Math.max(0, window.screenY + (window.outerHeight - size.height) / 2);
    const opened = window.open("", POPUP_NAME, `popup,width=${size.width},height=${size.height},left=${left},top=${top}`);
    pending.current = Boolean(opened);
  };
  /** Sends the form into the opened window; returns false when there is none (the form goes on as usual). */
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (!pending.current) return false;
    pending.current = false;
    event.preventDefault();
    const form = event.currentTarget;
    const intent = document.createElement("input");
    Object.assign(intent, { type: "hidden", name: "intent", value: "share" });
    form.append(intent);
    form.target = POPUP_NAME;
    form.submit();
    form.target = "";
    intent.remove();
    setSentTo(network);
    // The share is recorded by the time the person comes back: show it in "my shares" here.
    window.addEventListener("focus", () => revalidator.revalidate(), { once: true });
    window.setTimeout(() => revalidator.revalidate(), 1500);
    return true;
  };
  return { open, onSubmit, sentTo };
}

export function PopupStatus({ network, linkOnly }: { network: ShareNetwork; linkOnly: boolean }) {
  const { t } = useTranslation();
  const name = t(`scoring.networks.${network}`);
  return (
    <div className="share-done" role="status" data-testid="share-popup-status">
      <p>{t("experience.share.opened", { network: name })}</p>
      {linkOnly ? <p>{t("experience.share.pasteNow", { network: name })}</p> : null}
    </div>
  );
}

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
